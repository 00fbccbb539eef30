import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '../platform/config';
import { signIn, type StaffSession } from '../platform/staff-sign-in';
import { can, ROLES, type Actor, type Permission, type Role } from './auth/policy';
import { operationsOf, type JsonSchema, type OpenApiDoc, type Operation } from './test-support/openapi-fuzz';
import { waitFor } from '../test/support/wait';
import { createWorkflowFromConfig } from '../workflow';

/**
 * Role × operation access matrix (issue 17), generated from the route declarations as the OpenAPI document
 * publishes them (`x-plusflow-access`, from `access` in api/route.ts) and the grants of api/auth/policy.ts: every
 * operation, anonymously and as every role, with a valid request that names nothing real; and every operation that
 * names a department's object, on another department's object. A new route with a path parameter fails here until
 * it has a cross-department probe below or is declared national.
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const api = cfg.api.publicUrl;
const db = new Client({ connectionString: process.env.DATABASE_URL ?? cfg.database.url });

/** One demo user per role, all but the national ones in Rīga centre. */
const BY_ROLE: Record<Role, string> = {
  officer: 'ilze.berzina',
  'senior-officer': 'laura.krumina',
  mediator: 'edgars.vitols',
  supervisor: 'inese.zarina',
  analyst: 'kristaps.lacis',
  admin: 'dace.petersone',
};
const HOME = 'riga-centre';

let doc: OpenApiDoc;
let ops: Operation[];
const sessions = new Map<Role, StaffSession>();

beforeAll(async () => {
  await db.connect();
  doc = (await (await fetch(`${api}/api/openapi.json`)).json()) as OpenApiDoc;
  ops = operationsOf(doc);
  for (const role of ROLES) sessions.set(role, await signIn(api, BY_ROLE[role]));
}, 120_000);
afterAll(() => db.end());

const actorOf = (role: Role): Actor => ({
  id: 0,
  username: BY_ROLE[role],
  fullName: '',
  roles: [role],
  department: null,
});

/** A valid value of a schema that names nothing that exists. */
function plain(s: JsonSchema, name = ''): unknown {
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'integer' || type === 'number') return s.maximum ?? 1;
  if (type === 'boolean') return false;
  if (type === 'array') return [];
  if (type === 'object') {
    const props = s.properties ?? {};
    return Object.fromEntries((s.required ?? []).map((k) => [k, plain(props[k]!, k)]));
  }
  if (s.format === 'date') return '2026-01-01';
  if (s.pattern?.includes('[0-9a-f]{8}')) return '00000000-0000-4000-8000-000000000000';
  if (s.pattern && !new RegExp(s.pattern).test('no-such-thing')) return 'DECISION';
  if (name === 'content') return '<?xml version="1.0"?><definitions id="access-matrix"/>';
  return 'access matrix probe'.padEnd(s.minLength ?? 0, '.');
}

function url(op: Operation, values: Record<string, unknown> = {}): string {
  return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
    encodeURIComponent(String(values[name] ?? plain(op.parameters.find((p) => p.name === name)!.schema, name))),
  );
}

function init(op: Operation): RequestInit {
  return op.body
    ? { method: op.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(plain(op.body)) }
    : { method: op.method };
}

describe('access matrix from the route declarations', () => {
  it('answers 401 to anonymous callers of every non-public operation', async () => {
    const wrong: string[] = [];
    for (const op of ops) {
      const res = await fetch(`${api}${url(op)}`, init(op));
      await res.body?.cancel();
      if (op.access !== 'public' && res.status !== 401) wrong.push(`${op.operationId}: ${res.status}`);
      if (op.access === 'public' && (res.status === 401 || res.status === 403))
        wrong.push(`${op.operationId} (public): ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets every role call exactly the operations its permissions allow, and no change without the CSRF token', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const op of ops.filter((o) => o.access !== 'public')) {
      for (const role of ROLES) {
        const session = sessions.get(role)!;
        const allowed = op.access === 'signed-in' || can(actorOf(role), op.access as Permission);
        const res = await session.fetch(url(op), init(op));
        const text = await res.text();
        checked++;
        if (allowed && (res.status === 401 || res.status === 403))
          wrong.push(`${op.operationId} as ${role}: ${res.status} although allowed (${text.slice(0, 160)})`);
        if (!allowed && (res.status !== 403 || !text.includes(op.access)))
          wrong.push(`${op.operationId} as ${role}: ${res.status} although it needs ${op.access}`);
        if (allowed && op.method !== 'GET') {
          const { headers: _h, ...rest } = init(op);
          const bare = await fetch(`${api}${url(op)}`, {
            ...rest,
            headers: { cookie: session.cookieHeader(), ...(op.body ? { 'content-type': 'application/json' } : {}) },
          });
          await bare.body?.cancel();
          if (bare.status !== 403) wrong.push(`${op.operationId} as ${role} without the CSRF token: ${bare.status}`);
        }
      }
    }
    expect(checked).toBe(ops.filter((o) => o.access !== 'public').length * ROLES.length);
    expect(wrong).toEqual([]);
  });

  /**
   * Operations whose path names an object of some department, with how to find one of another department than
   * Rīga centre's, and who of Rīga centre tries. National operations (intake, models, a process's aggregates) name
   * objects no department owns.
   */
  const NATIONAL = new Set([
    'getInboundMessage',
    'listInboundMessageVersions',
    'correctInboundMessage',
    'reprocessInboundMessage',
    'dismissInboundMessage',
    'getModel',
    'saveModelDraft',
    'deployModelDraft',
    'previewMigration',
    'migrateInstances',
    'getProcessHeat',
  ]);
  /** Who of Rīga centre tries (`role`), or another caller the values name (`as`). */
  type Probe = { role: Role; values: () => Promise<Record<string, unknown> & { as?: string }> };
  const one = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> => {
    const row = (await db.query<T>(sql, params)).rows[0];
    if (!row) throw new Error(`no row for ${sql}`);
    return row;
  };
  const otherClient = () =>
    one<{ id: number }>(
      `SELECT cl.id FROM client cl JOIN department d ON d.id = cl.department_id WHERE d.code <> $1
      AND NOT EXISTS (SELECT 1 FROM "case" c JOIN department e ON e.id = c.department_id WHERE c.client_id = cl.id AND e.code = $1) ORDER BY cl.id LIMIT 1`,
      [HOME],
    );
  const otherCase = () =>
    one<{ id: number }>(
      `SELECT c.id FROM "case" c JOIN department d ON d.id = c.department_id WHERE d.code <> $1 ORDER BY c.id LIMIT 1`,
      [HOME],
    );
  /**
   * An open task offered to another department's officers (Liepāja), which Rīga centre's officer tries: a
   * platform check started for the test, so that no other test's task is touched and none has to be waited for.
   */
  let started: Promise<{ instanceId: string; taskKey: string }> | undefined;
  const platformCheck = () =>
    (started ??= (async () => {
      const { instanceId } = await createWorkflowFromConfig(cfg).engine.startProcess('platform-smoke', {
        businessKey: `access-matrix-${randomUUID()}`,
        variables: { candidateGroup: 'officer.liepaja' },
      });
      const taskKey = await waitFor(
        'the platform check’s task in the inbox',
        async () =>
          (
            await db.query<{ key: string }>(
              `SELECT user_task_key AS key FROM user_task WHERE process_instance_key = $1 AND state = 'CREATED'`,
              [instanceId],
            )
          ).rows[0]?.key,
        120_000,
        500,
      );
      return { instanceId, taskKey };
    })());
  const otherTask = async () => (await platformCheck()).taskKey;
  /** The same platform check is an instance of no case of Rīga centre, which its department head may not open or change. */
  const otherInstance = async () => ({ key: (await platformCheck()).instanceId });
  /** Rows this test adds to another department's case (a document, a failed notification, an incident); removed afterwards. */
  const added: string[] = [];
  const otherDocument = async () => {
    const c = await otherCase();
    const r = await one<{ id: number }>(
      `INSERT INTO document (case_id, kind, title, file_name, content, sha256, template_version, source_key, created_by)
      VALUES ($1, 'ACCESS_MATRIX', 'probe', 'probe.pdf', '\\x00', 'x', 'v0', $2, 'access-matrix') RETURNING id`,
      [c.id, `access-matrix-${randomUUID()}`],
    );
    added.push(`DELETE FROM document WHERE id = ${r.id}`);
    return r;
  };
  const otherNotification = async () => {
    const c = await otherCase();
    const r = await one<{ id: number }>(
      `INSERT INTO notification (case_id, recipient_type, recipient, notification_type, channel, subject, body, idempotency_key, status)
      VALUES ($1, 'CLIENT', 'probe', 'ACCESS_MATRIX', 'E_ADDRESS', 'probe', 'probe', $2, 'FAILED') RETURNING id`,
      [c.id, `access-matrix-${randomUUID()}`],
    );
    added.push(`DELETE FROM notification WHERE id = ${r.id}`);
    return r;
  };
  const otherIncident = async () => {
    const p = await otherInstance();
    const key = randomUUID();
    await db.query(
      `INSERT INTO incident (incident_key, process_instance_key, root_process_instance_key, error_message, state, created_at) VALUES ($1, $2, $2, 'access matrix probe', 'ACTIVE', now())`,
      [key, p.key],
    );
    added.push(`DELETE FROM incident WHERE incident_key = '${key}'`);
    return key;
  };
  const PROBES: Record<string, Probe> = {
    getClientFile: { role: 'officer', values: async () => ({ id: (await otherClient()).id }) },
    getClientTimeline: { role: 'officer', values: async () => ({ id: (await otherClient()).id }) },
    getClientNotifications: { role: 'officer', values: async () => ({ id: (await otherClient()).id }) },
    listCaseDocuments: { role: 'officer', values: async () => ({ caseId: (await otherCase()).id }) },
    getDocumentContent: { role: 'officer', values: async () => ({ id: (await otherDocument()).id }) },
    resendNotification: { role: 'officer', values: async () => ({ id: (await otherNotification()).id }) },
    recordNotificationDeliveredOtherwise: {
      role: 'officer',
      values: async () => ({ id: (await otherNotification()).id }),
    },
    getTask: { role: 'officer', values: async () => ({ taskKey: await otherTask() }) },
    getTaskForm: { role: 'officer', values: async () => ({ taskKey: await otherTask() }) },
    saveTaskDraft: { role: 'officer', values: async () => ({ taskKey: await otherTask() }) },
    claimTask: { role: 'officer', values: async () => ({ taskKey: await otherTask() }) },
    unclaimTask: { role: 'officer', values: async () => ({ taskKey: await otherTask() }) },
    completeTask: { role: 'officer', values: async () => ({ taskKey: await otherTask() }) },
    getInstance: { role: 'supervisor', values: async () => ({ key: (await otherInstance()).key }) },
    cancelInstance: { role: 'supervisor', values: async () => ({ key: (await otherInstance()).key }) },
    resolveIncident: { role: 'supervisor', values: async () => ({ key: await otherIncident() }) },
  };

  it('refuses every department-scoped operation on another department’s object (403), and knows every operation that names one', async () => {
    const wrong: string[] = [];
    const others = new Map<string, StaffSession>();
    try {
      for (const op of ops.filter((o) => o.parameters.some((p) => p.in === 'path'))) {
        if (NATIONAL.has(op.operationId)) continue;
        const probe = PROBES[op.operationId];
        if (!probe) {
          wrong.push(
            `${op.operationId} names an object in its path but has no cross-department probe: add one to PROBES (or to NATIONAL if no department owns it)`,
          );
          continue;
        }
        const values = await probe.values();
        const path = url(op, values);
        if (values.as && !others.has(values.as)) others.set(values.as, await signIn(api, values.as));
        const caller = values.as ? others.get(values.as)! : sessions.get(probe.role)!;
        const res = await caller.fetch(path, init(op));
        const text = await res.text();
        if (res.status !== 403)
          wrong.push(
            `${op.operationId} as ${values.as ?? `${probe.role} of ${HOME}`} on ${path}: ${res.status} ${text.slice(0, 200)}`,
          );
      }
    } finally {
      for (const sql of added) await db.query(sql);
    }
    expect(wrong).toEqual([]);
  }, 600_000);
});
