import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { convertZeebeToCamunda } from './convert';
import { startTestEngine, type TestEngine } from './test-engine';

/**
 * The converted diagrams on the real Operaton engine (engine/app, no mocks): every process module deploys, the
 * smoke process runs, and community service runs through its register look-up call activity, which proves FEEL
 * scripts in io mappings and script tasks, FEEL conditions, the `durations` bean in timers and due dates,
 * mapping events after boundary events, exactly which variables cross the call activity, and the business key in
 * the called process. Workers are a tiny fetch-and-lock loop.
 */
const PROCESSES = path.resolve(__dirname, '../../processes');
const MODULES = ['shared-register-lookup', 'shared-notify-court', 'shared-close-case', 'platform-smoke', 'community-service', 'minors-public-work'];

type TypedValue = { type: string; value: unknown; valueInfo?: Record<string, unknown> };
type Vars = Record<string, TypedValue>;
interface LockedTask {
  id: string;
  topicName: string;
  businessKey: string | null;
  processInstanceId: string;
  activityId: string;
  variables: Vars;
  extensionProperties: Record<string, string>;
}

const json = (value: unknown): TypedValue => ({
  type: 'Object',
  value: JSON.stringify(value),
  valueInfo: { objectTypeName: Array.isArray(value) ? 'java.util.ArrayList' : 'java.util.LinkedHashMap', serializationDataFormat: 'application/json' },
});
const text = (value: string): TypedValue => ({ type: 'String', value });
const plain = (vars: Vars): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(vars).map(([k, v]) => [k, v.type === 'Object' && typeof v.value === 'string' && v.valueInfo?.serializationDataFormat === 'application/json' ? JSON.parse(v.value) : v.value]),
  );

let engine: TestEngine;
const deployed = new Map<string, string[]>();

async function deployModule(dir: string): Promise<string[]> {
  const folder = path.join(PROCESSES, dir);
  const form = new FormData();
  form.append('deployment-name', dir);
  form.append('deploy-changed-only', 'false');
  for (const f of readdirSync(folder)) {
    if (f.endsWith('.bpmn')) {
      const { xml } = await convertZeebeToCamunda(readFileSync(path.join(folder, f), 'utf8'));
      form.append(f, new Blob([xml], { type: 'application/xml' }), f);
    } else if (f.endsWith('.form')) {
      form.append(f, new Blob([readFileSync(path.join(folder, f))], { type: 'application/json' }), f);
    }
  }
  const res = await engine.rest<{ deployedProcessDefinitions?: Record<string, { key: string }> }>('POST', '/deployment/create', form);
  return Object.values(res.deployedProcessDefinitions ?? {}).map((p) => p.key);
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The next external task of `topic` (long poll), locked for this test. */
async function lock(topic: string, timeoutMs = 120_000): Promise<LockedTask> {
  return waitFor(
    `an external task on ${topic}`,
    async () => {
      const tasks = await engine.rest<LockedTask[]>('POST', '/external-task/fetchAndLock', {
        workerId: 'bpmn-convert-it',
        maxTasks: 1,
        asyncResponseTimeout: 5_000,
        topics: [{ topicName: topic, lockDuration: 120_000, includeExtensionProperties: true }],
      });
      return tasks[0];
    },
    timeoutMs,
  );
}

/** Completes an external task; a timer firing on the same execution at that moment makes the engine answer
 * OptimisticLockingException, after which the completion is simply sent again (as our worker client does). */
async function again(call: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await call();
      return;
    } catch (err) {
      if (attempt >= 5 || !String(err).includes('OptimisticLockingException')) throw err;
    }
  }
}
const complete = (t: LockedTask, body: { variables?: Vars; localVariables?: Vars } = {}): Promise<void> =>
  again(() => engine.rest('POST', `/external-task/${t.id}/complete`, { workerId: 'bpmn-convert-it', ...body }));
const cancel = (instanceId: string): Promise<void> => again(() => engine.rest('DELETE', `/process-instance/${instanceId}`));

const variables = async (instanceId: string): Promise<Record<string, unknown>> => plain(await engine.rest<Vars>('GET', `/process-instance/${instanceId}/variables?deserializeValues=false`));

interface UserTask {
  id: string;
  taskDefinitionKey: string;
  due: string | null;
  created: string;
}
const userTasks = (instanceId: string): Promise<UserTask[]> => engine.rest<UserTask[]>('GET', `/task?processInstanceId=${instanceId}`);
const candidateGroups = async (taskId: string): Promise<string[]> =>
  (await engine.rest<{ groupId: string | null; type: string }[]>('GET', `/task/${taskId}/identity-links`)).filter((l) => l.type === 'candidate').map((l) => l.groupId ?? '');
/** Operaton's REST dates: 2026-12-07T20:46:53.000+0000. */
const time = (s: string): number => Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

beforeAll(async () => {
  engine = await startTestEngine();
}, 600_000);

afterAll(async () => {
  await engine?.stop();
});

describe('converted diagrams on Operaton', () => {
  test('every process module deploys (its diagrams and forms in one deployment)', async () => {
    for (const dir of MODULES) deployed.set(dir, await deployModule(dir));
    expect(Object.fromEntries(deployed)).toEqual({
      'shared-register-lookup': ['shared-register-lookup'],
      'shared-notify-court': ['shared-notify-court'],
      'shared-close-case': ['shared-close-case'],
      'platform-smoke': ['platform-smoke'],
      'community-service': ['community-service'],
      'minors-public-work': ['minors-public-work'],
    });
  }, 300_000);

  test('the smoke process runs: external task with its retries, user task with candidate group, due date and its deployed form', async () => {
    const started = Date.now();
    const pi = await engine.rest<{ id: string }>('POST', '/process-definition/key/platform-smoke/start', {
      businessKey: 'smoke-1',
      variables: { candidateGroup: text('officer.RIGA') },
    });
    const job = await lock('platform-smoke.record-receipt');
    expect([job.businessKey, job.processInstanceId, job.extensionProperties]).toEqual(['smoke-1', pi.id, { retries: '3' }]);
    await complete(job, { variables: { receivedAt: text('2026-12-04') } });

    const [task] = await waitFor('the review task', async () => {
      const t = await userTasks(pi.id);
      return t.length ? t : null;
    });
    expect(task?.taskDefinitionKey).toBe('ReviewReceipt');
    expect(await candidateGroups(task?.id as string)).toEqual(['officer.RIGA']);
    // now() + duration("P2D") → ${durations.dueIn('P2D')}: two days after the engine's now.
    const due = time(task?.due as string) - started;
    expect(due).toBeGreaterThan(2 * 86_400_000 - 60_000);
    expect(due).toBeLessThan(2 * 86_400_000 + 600_000);
    const form = await engine.rest<{ id: string }>('GET', `/task/${task?.id}/deployed-form`);
    expect(form.id).toBe('platform-smoke-review');

    await engine.rest('POST', `/task/${task?.id}/complete`, { variables: {} });
    const history = await engine.rest<{ state: string }>('GET', `/history/process-instance/${pi.id}`);
    expect(history.state).toBe('COMPLETED');
  }, 300_000);

  test('community service through its register look-up: FEEL mappings and conditions, durations timers, business key and variables across the call activity', async () => {
    const pi = await engine.rest<{ id: string }>('POST', '/process-definition/key/community-service/start', {
      businessKey: '42',
      variables: {
        caseId: text('42'),
        caseNumber: text('CS-42'),
        clientId: text('client-1'),
        departmentCode: text('RIGA'),
        rulingId: text('ruling-1'),
        origin: text('TIS'),
        // A short review deadline so that the reminder timer (due − reminderBeforeDue) fires within the test.
        rulesOverride: json({ due: { registerReview: 'PT6S' }, reminderBeforeDue: 'PT3S', escalationAfterDue: 'PT1H' }),
      },
    });

    // The FEEL script task merged the defaults with the override.
    const open = await lock('community-service.open-execution');
    expect(open.businessKey).toBe('42');
    const rules = plain(open.variables).rules as { due: Record<string, string>; noticeTarget: string; reminderBeforeDue: string };
    expect([rules.due.registerReview, rules.due.selectWorkPlace, rules.reminderBeforeDue, rules.noticeTarget]).toEqual(['PT6S', 'P5D', 'PT3S', 'TIS']);
    await complete(open);

    // The called process has the caller's business key and only the call activity's inputs (propagateAllParentVariables=false).
    const [child] = await waitFor('the called register look-up', async () => {
      const c = await engine.rest<{ id: string; businessKey: string; definitionId: string }[]>('GET', `/process-instance?superProcessInstance=${pi.id}`);
      return c.length ? c : null;
    });
    expect(child?.businessKey).toBe('42');
    expect(child?.definitionId).toMatch(/^shared-register-lookup:/);
    const childId = child?.id as string;
    expect(await variables(childId)).toEqual({
      caseId: '42',
      caseNumber: 'CS-42',
      clientId: 'client-1',
      departmentCode: 'RIGA',
      reminderBeforeDue: 'PT3S',
      escalationAfterDue: 'PT1H',
      purpose: 'COMMUNITY_SERVICE',
      reviewDue: 'PT6S',
    });

    // VIIS unavailable: BPMN error, caught by the boundary event; its FEEL output (a mapping event now) fills the extract.
    const education = await lock('shared.lookup-education');
    expect(education.businessKey).toBe('42');
    await engine.rest('POST', `/external-task/${education.id}/bpmnError`, { workerId: 'bpmn-convert-it', errorCode: 'REGISTER_UNAVAILABLE', errorMessage: 'VIIS timed out' });
    const disability = await lock('shared.lookup-disability');
    await complete(disability, { variables: { disabilityExtract: json({ status: 'FOUND', source: 'IIS_VDEAVK', group: 'II' }) } });

    const [review] = await waitFor('the review task', async () => {
      const t = await userTasks(childId);
      return t.length ? t : null;
    });
    expect(review?.taskDefinitionKey).toBe('ReviewRegisterData');
    expect(await candidateGroups(review?.id as string)).toEqual(['officer.RIGA']);
    // now() + duration(get or else(reviewDue, "P3D")) with reviewDue = PT6S.
    const dueIn = time(review?.due as string) - time(review?.created as string);
    expect(dueIn).toBeGreaterThanOrEqual(5_000);
    expect(dueIn).toBeLessThanOrEqual(7_000);
    const taskVars = plain(await engine.rest<Vars>('GET', `/task/${review?.id}/variables?deserializeValues=false`));
    expect([taskVars.saveEducation, taskVars.schoolStatusCorrection, taskVars.registerReviewDecision]).toEqual([false, 'REGISTER', null]);
    expect((await variables(childId)).educationExtract).toEqual({ status: 'UNAVAILABLE', source: 'VIIS' });

    // Reminder timer ${durations.difference(…reviewDue…, …reminderBeforeDue…)} = PT3S fires while the task waits.
    const reminder = await lock('shared.send-task-reminder', 180_000);
    expect([reminder.businessKey, reminder.extensionProperties.taskElementId, reminder.processInstanceId]).toEqual(['42', 'ReviewRegisterData', childId]);
    await complete(reminder);

    // The officer saves; the FEEL condition registerReviewDecision = "SAVE" leads to saving the extracts.
    await engine.rest('POST', `/task/${review?.id}/complete`, {
      variables: { registerReviewDecision: text('SAVE'), saveEducation: { type: 'Boolean', value: true }, registerReviewNote: text('ok') },
    });
    const save = await lock('shared.save-register-extracts');
    expect(plain(save.variables).saveEducation).toBe(true);
    await complete(save, { variables: { registerSummary: text('education: unavailable; disability: group II') } });

    // Back in the caller: exactly the call activity's outputs, nothing else of the child's.
    const propose = await lock('community-service.propose-work-places');
    expect(propose.processInstanceId).toBe(pi.id);
    const parent = await variables(pi.id);
    expect(parent).toMatchObject({
      registerSummary: 'education: unavailable; disability: group II',
      registerReviewDecision: 'SAVE',
      educationExtract: { status: 'UNAVAILABLE', source: 'VIIS' },
      disabilityExtract: { status: 'FOUND', source: 'IIS_VDEAVK', group: 'II' },
    });
    for (const childOnly of ['purpose', 'reviewDue', 'saveEducation', 'registerReviewNote', 'schoolStatusCorrection']) expect(Object.keys(parent)).not.toContain(childOnly);
    // The service task's FEEL inputs are local to it.
    expect(plain(propose.variables)).toMatchObject({ limitsProfile: 'ADULT', excludedWorkPlaceIds: [] });
    expect(Object.keys(parent)).not.toContain('limitsProfile');
    await complete(propose, { variables: { workPlaceProposals: json([{ workPlaceId: 'wp-1' }]) } });

    // The officer's choice reaches the next task's FEEL input (if … then … else).
    const [select] = await waitFor('the work place choice', async () => {
      const t = (await userTasks(pi.id)).filter((x) => x.taskDefinitionKey === 'SelectWorkPlace');
      return t.length ? t : null;
    });
    await engine.rest('POST', `/task/${select?.id}/complete`, { variables: { selectedWorkPlaceId: text('wp-1') } });
    const reserve = await lock('community-service.reserve-work-place');
    expect(plain(reserve.variables).workPlaceId).toBe('wp-1');
    await complete(reserve);

    // The employer proposes a time through the e-service: a message correlated by business key interrupts the
    // officer's task; the mapping event after the message boundary event builds `appointment` from its variables.
    await waitFor('the appointment task', async () => (await userTasks(pi.id)).some((x) => x.taskDefinitionKey === 'ArrangeAppointment'));
    const correlated = await engine.rest<unknown[]>('POST', '/message', {
      messageName: 'employer-appointment-proposed',
      businessKey: '42',
      processVariables: { appointmentProposal: json({ appointmentAt: '2026-12-10T09:00:00+02:00', place: 'Rīga, Brīvības 1', contactPerson: 'A. Bērziņa', contactPhone: '+37120000000', note: null, proposalId: 'p-7' }) },
      all: true,
      resultEnabled: true,
    });
    expect(correlated).toHaveLength(1);
    const record = await lock('community-service.record-appointment');
    expect(plain(record.variables).appointment).toEqual({
      at: '2026-12-10T09:00:00+02:00',
      place: 'Rīga, Brīvības 1',
      contactPerson: 'A. Bērziņa',
      contactPhone: '+37120000000',
      officerAttends: true,
      note: null,
      source: 'E_SERVICE',
      proposalId: 'p-7',
    });
    expect((await userTasks(pi.id)).map((t) => t.taskDefinitionKey)).not.toContain('ArrangeAppointment');
    await cancel(pi.id);
  }, 600_000);

  test('community service execution control: message catch, FEEL gateways, escalation into an event subprocess, event subprocess variables', async () => {
    const due = { confirmHours: 'P3D', evaluateAbsence: 'P2D', breachReview: 'P2D', employerContact: 'P5D', onSiteCheck: 'P10D', approveConversion: 'P3D', conversionFollowUp: 'P5D', clientSubmission: 'P5D', replanProblem: 'P3D', noticeFix: 'P2D', closure: 'P5D' };
    const rules = { due, reminderBeforeDue: 'P1D', escalationAfterDue: 'P2D', employerContactEvery: 'P14D', onSiteCheckEvery: 'P30D', conversionDecisionFollowUpEvery: 'P30D', warningsBeforeConversion: 2, noticeTarget: 'TIS' };
    // Straight into the hours loop of the execution subprocess (its timers and event subprocesses start with it).
    const pi = await engine.rest<{ id: string }>('POST', '/process-definition/key/community-service/start', {
      businessKey: '77',
      variables: { caseId: text('77'), caseNumber: text('CS-77'), clientId: text('client-7'), departmentCode: text('RIGA'), rules: json(rules) },
      startInstructions: [{ type: 'startBeforeActivity', activityId: 'HoursLoopJoin' }],
    });

    const hours = await engine.rest<unknown[]>('POST', '/message', { messageName: 'hours-reported', businessKey: '77', processVariables: { hoursReport: json({ totalHours: 4 }) }, all: true, resultEnabled: true });
    expect(hours).toHaveLength(1);
    const check = await lock('community-service.check-hours-report');
    expect(plain(check.variables).reportCheckedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await complete(check, { variables: { hoursCheck: json({ verdict: 'REFUSED', possibleMinorBreach: true, refusalText: 'Nakts darbs nepilngadīgajam' }) } });

    // FEEL gateways: refused and a possible breach → escalation MINOR_LIMITS_BREACH starts the review subprocess,
    // whose start listener copies hoursCheck into its local breachCheck; the main path tells the employer why.
    const notify = await lock('shared.notify-employer');
    expect(plain(notify.variables)).toMatchObject({ notificationType: 'HOURS_REPORT_REJECTED', hoursDecisionNote: 'Nakts darbs nepilngadīgajam' });
    await complete(notify);
    const [review] = await waitFor('the breach review task', async () => {
      const t = (await userTasks(pi.id)).filter((x) => x.taskDefinitionKey === 'ReviewPossibleBreach');
      return t.length ? t : null;
    });
    const reviewVars = plain(await engine.rest<Vars>('GET', `/task/${review?.id}/variables?deserializeValues=false`));
    expect(reviewVars).toMatchObject({ breachCheck: { verdict: 'REFUSED', possibleMinorBreach: true, refusalText: 'Nakts darbs nepilngadīgajam' }, breachAction: null, breachNote: null });
    expect(await candidateGroups(review?.id as string)).toEqual(['officer.RIGA']);
    expect(Object.keys(await variables(pi.id))).not.toContain('breachCheck');

    // A reported absence starts the non-compliance subprocess: its locals start empty, the message's report is seen.
    await engine.rest('POST', '/message', { messageName: 'absence-reported', businessKey: '77', processVariables: { absenceReport: json({ reportId: 'a-1', date: '2026-12-03' }) }, all: true });
    const [evaluate] = await waitFor('the absence evaluation', async () => {
      const t = (await userTasks(pi.id)).filter((x) => x.taskDefinitionKey === 'EvaluateAbsence');
      return t.length ? t : null;
    });
    const evaluateVars = plain(await engine.rest<Vars>('GET', `/task/${evaluate?.id}/variables?deserializeValues=false`));
    expect(evaluateVars).toMatchObject({ absenceReport: { reportId: 'a-1', date: '2026-12-03' }, conversionNoticeId: null, absenceAssessment: null });
    await cancel(pi.id);
  }, 300_000);

  test('the durations bean: sum, difference below zero, cycle and a due date with days and hours', async () => {
    const timer = (id: string, kind: string, feel: string, topic: string): string => `
    <bpmn:boundaryEvent id="${id}" attachedToRef="u" cancelActivity="false"><bpmn:outgoing>f_${id}</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${feel}</bpmn:${kind}></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:serviceTask id="t_${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${topic}" /></bpmn:extensionElements><bpmn:incoming>f_${id}</bpmn:incoming><bpmn:outgoing>g_${id}</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="e_${id}"><bpmn:incoming>g_${id}</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f_${id}" sourceRef="${id}" targetRef="t_${id}" /><bpmn:sequenceFlow id="g_${id}" sourceRef="t_${id}" targetRef="e_${id}" />`;
    const { xml, warnings } = await convertZeebeToCamunda(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D" targetNamespace="x">
  <bpmn:process id="bpmn-convert-durations" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="u"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="g" /><zeebe:taskSchedule dueDate="=now() + duration(t.mixed)" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming></bpmn:userTask>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="u" />
    ${timer('Sum', 'timeDuration', '=duration(t.one) + duration(t.one)', 'durations.sum')}
    ${timer('Overdue', 'timeDuration', '=duration(t.one) - duration(t.day)', 'durations.overdue')}
    ${timer('Every', 'timeCycle', '="R/" + t.one', 'durations.cycle')}
  </bpmn:process>
</bpmn:definitions>`);
    expect(warnings).toEqual([]);
    expect(xml).toContain('${durations.sum(t.one, t.one)}');
    const form = new FormData();
    form.append('deployment-name', 'bpmn-convert-durations');
    form.append('durations.bpmn', new Blob([xml]), 'durations.bpmn');
    await engine.rest('POST', '/deployment/create', form);
    const pi = await engine.rest<{ id: string }>('POST', '/process-definition/key/bpmn-convert-durations/start', {
      businessKey: 'd-1',
      variables: { t: json({ one: 'PT1S', day: 'P1D', mixed: 'P1DT2H30M' }) },
    });
    const [task] = await waitFor('the user task', async () => {
      const t = await userTasks(pi.id);
      return t.length ? t : null;
    });
    expect(time(task?.due as string) - time(task?.created as string)).toBe((26 * 60 + 30) * 60_000);
    // PT1S − P1D is below zero: PT0S, due at once.
    await complete(await lock('durations.overdue'));
    await complete(await lock('durations.sum'));
    // R/PT1S keeps firing.
    await complete(await lock('durations.cycle'));
    await complete(await lock('durations.cycle'));
    await cancel(pi.id);
  }, 300_000);

  test('a service task with output mappings: completed with local variables, only the mapped outputs reach the process (as in Zeebe)', async () => {
    const { xml } = await convertZeebeToCamunda(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D" targetNamespace="x">
  <bpmn:process id="bpmn-convert-outputs" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="bpmn-convert.outputs" />
      <zeebe:ioMapping><zeebe:input source="=x * 2" target="doubled" /><zeebe:output source="=result.value + doubled" target="answer" /></zeebe:ioMapping>
    </bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:userTask id="u"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="g" /></bpmn:extensionElements><bpmn:incoming>f2</bpmn:incoming></bpmn:userTask>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="u" />
  </bpmn:process>
</bpmn:definitions>`);
    const form = new FormData();
    form.append('deployment-name', 'bpmn-convert-outputs');
    form.append('outputs.bpmn', new Blob([xml]), 'outputs.bpmn');
    await engine.rest('POST', '/deployment/create', form);
    const pi = await engine.rest<{ id: string }>('POST', '/process-definition/key/bpmn-convert-outputs/start', { businessKey: 'o-1', variables: { x: { type: 'Integer', value: 20 } } });
    const t = await lock('bpmn-convert.outputs');
    expect(t.extensionProperties).toEqual({ completeWith: 'localVariables' });
    expect(plain(t.variables).doubled).toBe(40);
    await complete(t, { localVariables: { result: json({ value: 2 }), scratch: text('not for the process') } });
    await waitFor('the user task', async () => (await userTasks(pi.id)).length > 0);
    expect(await variables(pi.id)).toEqual({ x: 20, answer: 42 });
  }, 300_000);
});
