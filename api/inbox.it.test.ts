import { Client } from 'pg';
import { loadConfig } from '../platform/config';
import { signIn, SignInError, type StaffSession } from '../platform/staff-sign-in';
import { generateMessage } from '../scenarios/messages';
import { waitFor } from '../test/support/wait';

/**
 * Sign-in and the inbox through the real test stack: the OpenID provider, the API's sessions, the task read
 * model (kept by the engine in its own transaction; tasks of called processes joined to their case) and the
 * engine deciding completion races.
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const api = cfg.api.publicUrl;
const db = new Client({ connectionString: process.env.DATABASE_URL ?? cfg.database.url });

interface Page {
  items: {
    userTaskKey: string;
    elementId: string;
    taskName: string | null;
    caseNumber: string;
    clientId: number;
    clientName: string;
    departmentCode: string;
    assignee: string | null;
  }[];
  total: number;
  counts: Record<string, number>;
}

const staffOf = async (role: string, where: 'in' | 'not in', departmentCode: string): Promise<string[]> => {
  const { rows } = await db.query<{ username: string }>(
    `SELECT u.username FROM app_user u JOIN department d ON d.id = u.department_id JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id
     WHERE r.code = $1 AND u.active AND d.code ${where === 'in' ? '=' : '<>'} $2 ORDER BY u.id`,
    [role, departmentCode],
  );
  return rows.map((r) => r.username);
};

let caseNumber: string;
let departmentCode: string;
let taskKey: string;

beforeAll(async () => {
  await db.connect();
  const ruling = generateMessage('tis', {
    seed: 4242,
    measure: 'FORCED_WORK',
    hours: 80,
    municipality: 'Cēsu novads',
  }) as { person: { personalCode: string } };
  const res = await fetch(`http://127.0.0.1:${cfg.simulators.port}/tis/_admin/inject`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ruling),
  });
  expect(res.status).toBe(201);
  const task = await waitFor(
    'the register review task of the new case in the read model',
    async () => {
      const { rows } = await db.query<{ key: string; case_number: string; code: string }>(
        `SELECT t.user_task_key AS key, c.case_number, d.code FROM user_task t
       JOIN "case" c ON c.process_instance_key = t.root_process_instance_key JOIN client cl ON cl.id = c.client_id JOIN department d ON d.id = c.department_id
       WHERE cl.personal_code = $1 AND t.element_id = 'ReviewRegisterData' AND t.state = 'CREATED'`,
        [ruling.person.personalCode],
      );
      return rows[0];
    },
    60_000,
  );
  ({ key: taskKey, case_number: caseNumber, code: departmentCode } = task);
  // The engine's ids, as the API accepts them (api/zod.ts WorkflowId).
  expect(taskKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
});
afterAll(() => db.end());

describe('sign-in', () => {
  it('refuses a wrong password at the provider and lets a staff member in with the right one', async () => {
    await expect(signIn(api, 'ilze.berzina', 'wrong-password')).rejects.toThrow(SignInError);
    const s = await signIn(api, 'ilze.berzina');
    const me = (await (await s.fetch('/api/me')).json()) as {
      roles: string[];
      groups: string[];
      department: { code: string };
    };
    expect(me).toMatchObject({
      roles: ['officer'],
      groups: ['officer.riga-centre'],
      department: { code: 'riga-centre' },
    });
    await s.signOut();
    expect((await s.fetch('/api/me')).status).toBe(401);
  });

  it('redirects to the provider with PKCE and forces the password prompt', async () => {
    const res = await fetch(`${api}/auth/login?returnTo=/%23/inbox`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(cfg.auth.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('prompt')).toBe('login');
    expect(res.headers.getSetCookie().join(';')).toMatch(/plusflow_signin=.*httponly/i);
  });
});

describe('inbox', () => {
  let officer: StaffSession;
  let senior: StaffSession;
  let outsider: StaffSession;
  beforeAll(async () => {
    const [officerName] = await staffOf('officer', 'in', departmentCode);
    const [seniorName] = await staffOf('senior-officer', 'in', departmentCode);
    const [outsiderName] = await staffOf('officer', 'not in', departmentCode);
    [officer, senior, outsider] = await Promise.all([
      signIn(api, officerName!),
      signIn(api, seniorName!),
      signIn(api, outsiderName!),
    ]);
  });

  it('finds the task by case number in the group view, with its case, client and department (a task of a called process)', async () => {
    const page = (await (await officer.fetch(`/api/tasks?scope=group&caseNumber=${caseNumber}`)).json()) as Page;
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      userTaskKey: taskKey,
      elementId: 'ReviewRegisterData',
      caseNumber,
      departmentCode,
      assignee: null,
    });
    expect(page.items[0]!.clientName).toMatch(/\S+ \S+/);
    expect(page.items[0]!.taskName).toBe('Pārskatīt reģistru datus');
    expect(page.counts.group).toBeGreaterThanOrEqual(1);
    const byClient = (await (
      await officer.fetch(
        `/api/tasks?scope=group&client=${encodeURIComponent(page.items[0]!.clientName.split(' ')[1]!)}&process=community-service`,
      )
    ).json()) as Page;
    expect(byClient.items.map((t) => t.userTaskKey)).toContain(taskKey);
    const types = (await (await officer.fetch('/api/task-types')).json()) as {
      items: { elementId: string; name: string; count: number }[];
    };
    expect(types.items).toContainEqual(
      expect.objectContaining({ elementId: 'ReviewRegisterData', name: 'Pārskatīt reģistru datus' }),
    );
    const byType = (await (
      await officer.fetch(`/api/tasks?scope=group&taskType=ReviewRegisterData&caseNumber=${caseNumber}`)
    ).json()) as Page;
    expect(byType.total).toBe(1);
    const otherType = (await (
      await officer.fetch(`/api/tasks?scope=group&taskType=ConfirmHours&caseNumber=${caseNumber}`)
    ).json()) as Page;
    expect(otherType.total).toBe(0);
  });

  it('hides it from another department: not listed, not opened, not completed', async () => {
    const page = (await (await outsider.fetch(`/api/tasks?scope=group&caseNumber=${caseNumber}`)).json()) as Page;
    expect(page.total).toBe(0);
    const open = await outsider.fetch(`/api/tasks/${taskKey}`);
    expect(open.status).toBe(403);
    expect(((await open.json()) as { detail: string }).detail).toContain('your own department');
    expect(
      (
        await outsider.fetch(`/api/tasks/${taskKey}/complete`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ variables: {} }),
        })
      ).status,
    ).toBe(403);
    expect((await outsider.fetch('/api/tasks?scope=department')).status).toBe(403);
  });

  it('opens the task’s form in its deployed version, prefilled from the process, and keeps my draft', async () => {
    const form = (await (await officer.fetch(`/api/tasks/${taskKey}/form`)).json()) as {
      formId: string;
      schema: { components: unknown[] };
      data: Record<string, unknown>;
      draftSavedAt: string | null;
    };
    expect(form.formId).toBe('shared-register-review');
    expect(form.schema.components.length).toBeGreaterThan(0);
    expect(form.data).toMatchObject({ caseNumber });
    expect(form.draftSavedAt).toBeNull();
    const saved = await officer.fetch(`/api/tasks/${taskKey}/draft`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variables: { registerReviewNote: 'Jāpārbauda izglītības dati' } }),
    });
    expect(saved.status).toBe(200);
    const again = (await (await officer.fetch(`/api/tasks/${taskKey}/form`)).json()) as typeof form;
    expect(again.data.registerReviewNote).toBe('Jāpārbauda izglītības dati');
    expect(again.draftSavedAt).not.toBeNull();
    // A draft is personal: a colleague opens the task without it.
    const theirs = (await (await senior.fetch(`/api/tasks/${taskKey}/form`)).json()) as typeof form;
    expect(theirs.data.registerReviewNote ?? null).toBeNull();
    const audit = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'task-form.viewed' AND entity_id = $1 AND personal_data",
      [taskKey],
    );
    expect(Number(audit.rows[0]!.n)).toBeGreaterThanOrEqual(3);
  });

  it('claims and gives back through the engine, and the read model follows at once (same transaction)', async () => {
    expect((await officer.fetch(`/api/tasks/${taskKey}/claim`, { method: 'POST' })).status).toBe(204);
    const mine = (await (await officer.fetch(`/api/tasks?scope=mine&caseNumber=${caseNumber}`)).json()) as Page;
    expect(mine.items[0]?.assignee).toBe(officer.username);
    const taken = await senior.fetch(`/api/tasks/${taskKey}/claim`, { method: 'POST' });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { detail: string }).detail).toContain(officer.username);
    expect((await officer.fetch(`/api/tasks/${taskKey}/unclaim`, { method: 'POST' })).status).toBe(204);
    const back = (await (await senior.fetch(`/api/tasks?scope=department&caseNumber=${caseNumber}`)).json()) as Page;
    expect(back.items[0]).toMatchObject({ userTaskKey: taskKey, assignee: null });
  });

  it('lets one of two officers completing at once succeed; the other gets 409 with an explanation', async () => {
    const complete = (s: StaffSession) =>
      s.fetch(`/api/tasks/${taskKey}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          variables: { registerReviewDecision: 'SAVE', saveEducation: true, saveDisability: true },
        }),
      });
    const answers = await Promise.all([complete(officer), complete(senior)]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([204, 409]);
    const loser = answers.find((a) => a.status === 409)!;
    expect(((await loser.json()) as { detail: string }).detail).toMatch(/Someone else completed or took this task/);
    // Completing it once more: the engine no longer has it (Operaton answers 500 there); the user gets 409 and a sentence.
    const again = await complete(officer);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toMatch(/Someone else completed or took this task/);
  });

  it('shows the client file with every case and a timeline that includes the completed task; audited; refused to another department', async () => {
    const { rows } = await db.query<{ client_id: number }>('SELECT client_id FROM "case" WHERE case_number = $1', [
      caseNumber,
    ]);
    const clientId = rows[0]!.client_id;
    const file = (await (await officer.fetch(`/api/clients/${clientId}`)).json()) as {
      personalCode: string;
      cases: { caseNumber: string; rulings: unknown[] }[];
      registerExtracts: { register: string; retrievedAt: string }[];
    };
    expect(file.cases.map((c) => c.caseNumber)).toContain(caseNumber);
    expect(file.cases.find((c) => c.caseNumber === caseNumber)!.rulings).toHaveLength(1);
    expect(file.registerExtracts.map((x) => x.register)).toEqual(expect.arrayContaining(['VIIS', 'IIS_VDEAVK']));
    expect(file.registerExtracts.every((x) => !Number.isNaN(Date.parse(x.retrievedAt)))).toBe(true);
    const timeline = await waitFor('the completed task on the timeline', async () => {
      const page = (await (await officer.fetch(`/api/clients/${clientId}/timeline?pageSize=200`)).json()) as {
        items: { kind: string; code: string; title: string | null; caseNumber: string }[];
      };
      return page.items.some(
        (e) => e.kind === 'TASK' && e.code === 'ReviewRegisterData COMPLETED' && e.title === 'Pārskatīt reģistru datus',
      )
        ? page
        : undefined;
    });
    const kinds = new Set(timeline.items.map((e) => e.kind));
    for (const k of ['DECISION', 'PROCESS', 'TASK', 'REGISTER', 'DOCUMENT']) expect(kinds).toContain(k);
    const onlyDocs = (await (await officer.fetch(`/api/clients/${clientId}/timeline?kind=DOCUMENT`)).json()) as {
      items: { kind: string }[];
    };
    expect(onlyDocs.items.every((e) => e.kind === 'DOCUMENT')).toBe(true);
    expect((await outsider.fetch(`/api/clients/${clientId}`)).status).toBe(403);
    expect((await outsider.fetch(`/api/clients/${clientId}/timeline`)).status).toBe(403);
    const audit = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'client.viewed' AND entity_id = $1 AND actor = $2 AND personal_data",
      [String(clientId), officer.username],
    );
    expect(Number(audit.rows[0]!.n)).toBeGreaterThanOrEqual(1);
  });
});
