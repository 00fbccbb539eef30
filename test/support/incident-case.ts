import { Client } from 'pg';
import type { StackConfig } from '../../platform/config';
import { ScenarioSchema } from '../../scenarios/format';
import { ScenarioRunner } from '../../scenarios/runner';

/**
 * A case whose start notice cannot reach TIS: TIS answers 503 to every notice, the officer's first four tasks are
 * completed through the API, and the engine's clock is moved past TIS's retry horizon, so the notice job's next try
 * raises an incident (the caller waits for it).
 * Returns the case and the department heads of its department and of another one. Clear the fault with
 * `tisFaults(cfg, null)`.
 */
export async function tisFaults(cfg: StackConfig, config: object | null): Promise<void> {
  const url = `http://127.0.0.1:${cfg.simulators.port}/tis/_admin/faults`;
  const res = await fetch(
    url,
    config
      ? { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) }
      : { method: 'DELETE' },
  );
  if (!res.ok) throw new Error(`TIS simulator refused the faults: ${res.status}`);
}

/**
 * Scenario steps from a TIS ruling to the officer's recorded agreement (registers, work place, appointment,
 * agreement), after which the process sends the start-of-execution notice to TIS. `beforeAgreement` runs just
 * before the agreement (e.g. a fault to inject).
 */
export function stepsToAgreement(opts: { seed: number; municipality: string; beforeAgreement?: object[] }): object[] {
  const steps = [
    {
      inject: {
        system: 'tis',
        generate: { seed: opts.seed, measure: 'FORCED_WORK', hours: 40, municipality: opts.municipality },
        as: 'ruling',
      },
    },
    { waitForCase: { personalCode: '{{ruling.message.person.personalCode}}' } },
    {
      completeTask: {
        task: 'ReviewRegisterData',
        role: 'officer',
        variables: { registerReviewDecision: 'SAVE', saveEducation: true, saveDisability: true },
      },
    },
    { readVariable: { name: 'workPlaceOptions', as: 'options' } },
    {
      completeTask: {
        task: 'SelectWorkPlace',
        role: 'officer',
        variables: { selectionOverridden: false, selectedWorkPlaceId: '{{options.0.value}}' },
      },
    },
    {
      completeTask: {
        task: 'ArrangeAppointment',
        role: 'officer',
        variables: {
          appointmentAt: '{{datetime:+2}}',
          appointmentPlace: 'Pils iela 1',
          employerContactPerson: 'Anna Liepa',
          officerAttends: true,
        },
      },
    },
    {
      completeTask: {
        task: 'RecordAgreement',
        role: 'officer',
        variables: {
          agreementOutcome: 'AGREED',
          employerAgreed: true,
          clientAgreed: true,
          agreedOn: '{{date:+0}}',
        },
      },
    },
  ];
  return [...steps.slice(0, -1), ...(opts.beforeAgreement ?? []), steps.at(-1)!];
}

export async function caseWithFailingStartNotice(
  cfg: StackConfig,
  databaseUrl: string,
  opts: { seed: number; municipality: string },
) {
  await tisFaults(cfg, { errorRate: 1, errorStatus: 503, endpoints: ['POST /execution-notices'] });
  const runner = new ScenarioRunner(cfg, databaseUrl);
  try {
    const result = await runner.run(
      ScenarioSchema.parse({
        name: 'a case up to its start notice',
        steps: [
          ...stepsToAgreement(opts),
          // The notice waits for TIS (it retries for a day, TIS's horizon); a day passes on the engine's clock, so its
          // next try raises the incident.
          { expectPartner: { system: 'tis', waitingAtLeast: 1, timeoutMs: 120_000 } },
          { advanceClock: { duration: 'P1DT1H' } },
        ],
      }),
    );
    if (!result.ok) throw new Error(`setting up the case failed: ${result.error}`);
    const c = runner.bound('case') as { caseNumber: string; departmentCode: string };
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const head = async (op: '=' | '<>') =>
        (
          await db.query<{ username: string }>(
            `SELECT u.username FROM app_user u JOIN department d ON d.id = u.department_id JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id
           WHERE r.code = 'supervisor' AND d.code ${op} $1 ORDER BY u.id LIMIT 1`,
            [c.departmentCode],
          )
        ).rows[0]!.username;
      return {
        caseNumber: c.caseNumber,
        departmentCode: c.departmentCode,
        head: await head('='),
        otherHead: await head('<>'),
      };
    } finally {
      await db.end();
    }
  } finally {
    await runner.close();
  }
}
