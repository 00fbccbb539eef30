import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import pino from 'pino';
import { createApp } from '../../api/app';
import { SessionStore } from '../../api/auth/sessions';
import type { Actor } from '../../api/auth/policy';
import { inboxCountsSql, inboxPageSql, type InboxFilter } from '../../api/inbox/query';
import { getConfig } from '../../platform/config';
import { ensurePostgres } from '../../platform/db/ensure-postgres';
import { createPrisma } from '../../platform/db/prisma';
import { createWorkflow } from '../../workflow';
import { migrate } from '../../prisma/migrate';
import { seed } from '../../prisma/seed';
import { copyRows } from '../lib/copy-rows';
import { machineFacts } from '../lib/machine';
import { ScratchDatabase } from '../lib/scratch-db';
import { fmt, log, progressEvery, round, writeResult } from '../lib/report';
import { percentile as pct } from '../lib/stats';

/**
 * `npm run bench -- inbox`: 100,000 open tasks for 400 officers in 41 departments, in a scratch database with
 * the real schema; then the inbox API (`GET /api/tasks`, the real Koa app over HTTP with real sessions) is timed
 * next to the bare SQL it runs (the same page and counts statements through `pg`), for the same officers and
 * filters, in the same run. Sign-in is not part of the timing: sessions are created directly in the store.
 * Options: --tasks N (100000), --officers N (400), --departments N (41), --requests N (400), --tmp, --keep (leave the
 * scratch database for EXPLAIN; drop it by hand).
 */
const TASK_TYPES = [
  'ReviewRegisterData',
  'SelectWorkPlace',
  'ArrangeAppointment',
  'RecordAgreement',
  'ConfirmHours',
  'EvaluateAbsence',
  'ContactEmployer',
  'CheckOnSite',
  'ReviewClientSubmission',
  'ConfirmClosure',
];
const FIRST = ['Jānis', 'Anna', 'Pēteris', 'Līga', 'Andris', 'Inese', 'Mārtiņš', 'Dace', 'Edgars', 'Ilze'];
const LAST = ['Bērziņš', 'Kalniņa', 'Ozols', 'Liepiņa', 'Krūmiņš', 'Zariņa', 'Vītols', 'Pētersone', 'Jansons', 'Lāce'];

export async function runInboxBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tasks: { type: 'string', default: '100000' },
      officers: { type: 'string', default: '400' },
      departments: { type: 'string', default: '41' },
      requests: { type: 'string', default: '400' },
      tmp: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const taskCount = Number(values.tasks);
  const officerCount = Number(values.officers);
  const deptCount = Number(values.departments);
  const requests = Number(values.requests);
  const cfg = getConfig();
  const scratch = new ScratchDatabase(ScratchDatabase.serverOf((await ensurePostgres(cfg)).url));
  const stop = () => void scratch.drop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    const client = await scratch.create();
    const url = new URL(cfg.database.url);
    url.pathname = `/${scratch.name}`;
    const dbUrl = url.toString();
    log(`scratch database ${scratch.name}: migrations and base data`);
    await migrate(dbUrl);
    const prisma = createPrisma(dbUrl);
    await seed(prisma);

    // Departments and officers up to the asked numbers (bench-only rows next to the seeded ones).
    await client.query(
      `INSERT INTO department (code, name, town, region_id)
       SELECT 'bench-' || g, 'Bench nodaļa ' || g, d.town, d.region_id
       FROM generate_series(1, GREATEST(0, $1 - (SELECT count(*) FROM department))) g
       CROSS JOIN LATERAL (SELECT town, region_id FROM department ORDER BY id OFFSET (g % 20) LIMIT 1) d`,
      [deptCount],
    );
    await client.query(
      `WITH need AS (SELECT $1 - (SELECT count(*) FROM user_role ur JOIN role r ON r.id = ur.role_id WHERE r.code = 'officer') AS n),
            depts AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i, count(*) OVER () AS total FROM department),
            made AS (
              INSERT INTO app_user (username, full_name, email, department_id)
              SELECT 'bench.officer' || g, 'Bench Officer ' || g, 'bench.officer' || g || '@vpd.example', d.id
              FROM generate_series(1, GREATEST(0, (SELECT n FROM need))) g JOIN depts d ON d.i = g % d.total
              RETURNING id)
       INSERT INTO user_role (user_id, role_id) SELECT made.id, (SELECT id FROM role WHERE code = 'officer') FROM made`,
      [officerCount],
    );
    const depts = (
      await client.query<{ id: number; code: string; name: string }>(
        'SELECT id, code, name FROM department ORDER BY id',
      )
    ).rows;
    const officers = (
      await client.query<{ id: number; username: string; full_name: string; department_id: number }>(
        `SELECT u.id, u.username, u.full_name, u.department_id FROM app_user u JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id WHERE r.code = 'officer' AND u.department_id IS NOT NULL ORDER BY u.id`,
      )
    ).rows;
    const byDept = new Map<number, typeof officers>();
    for (const o of officers) byDept.set(o.department_id, [...(byDept.get(o.department_id) ?? []), o]);
    log(
      `${depts.length} departments, ${officers.length} officers; inserting ${taskCount.toLocaleString('en')} open tasks with their cases and clients`,
    );

    const t0 = Date.now();
    const now = Date.now();
    // Engine ids are opaque text (Operaton's UUIDs): made here in the same shape, distinct per kind of row.
    const uuid = (kind: number, i: number) =>
      `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    const instanceId = (i: number) => uuid(1, i);
    const taskId = (i: number) => uuid(2, i);
    const definitionId = 'community-service:1:00000000-0000-4000-8000-000000000000';
    const deptOf = (i: number) => depts[i % depts.length]!;
    const iso = (ms: number) => new Date(ms).toISOString();
    const progress = progressEvery(taskCount * 4, 'rows');
    let sent = 0;
    const count = (n: number) => progress(sent + n);
    await copyRows(
      client,
      'client',
      ['personal_code', 'first_name', 'last_name', 'birth_date', 'department_id', 'updated_at'],
      (function* () {
        for (let i = 0; i < taskCount; i++) {
          const code = `${String(1 + (i % 28)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}${String(70 + (i % 30)).padStart(2, '0')}-${String(i).padStart(5, '0').slice(-5)}${i >= 100_000 ? `-${Math.floor(i / 100_000)}` : ''}`;
          yield `${code}\t${FIRST[i % 10]}\t${LAST[(i * 7) % 10]}\t19${70 + (i % 30)}-01-01\t${deptOf(i).id}\t${iso(now)}\n`;
        }
      })(),
      count,
    );
    sent += taskCount;
    // COPY inserts in order: the newest ids are the clients just made.
    const clientIds = (
      await client.query<{ id: number }>('SELECT id FROM client ORDER BY id DESC LIMIT $1', [taskCount])
    ).rows
      .map((r) => r.id)
      .reverse();
    await copyRows(
      client,
      '"case"',
      [
        'case_number',
        'client_id',
        'process_kind',
        'function_subtype',
        'status',
        'department_id',
        'process_instance_key',
      ],
      (function* () {
        for (let i = 0; i < taskCount; i++)
          yield `PL-2026-B${String(i).padStart(7, '0')}\t${clientIds[i]}\tCOMMUNITY_SERVICE\tFORCED_WORK\tOPEN\t${deptOf(i).id}\t${instanceId(i)}\n`;
      })(),
      (n) => count(n),
    );
    sent += taskCount;
    // The case id is the business key; case ids are not known here, and the inbox does not read it.
    await copyRows(
      client,
      'process_instance',
      [
        'process_instance_key',
        'process_definition_key',
        'bpmn_process_id',
        'process_definition_version',
        'state',
        'started_at',
        'updated_at',
        'root_process_instance_key',
        'business_key',
      ],
      (function* () {
        for (let i = 0; i < taskCount; i++)
          yield `${instanceId(i)}\t${definitionId}\tcommunity-service\t1\tACTIVE\t${iso(now - 86_400_000)}\t${iso(now)}\t${instanceId(i)}\tbench-${i}\n`;
      })(),
      (n) => count(n),
    );
    sent += taskCount;
    await copyRows(
      client,
      'user_task',
      [
        'user_task_key',
        'process_instance_key',
        'root_process_instance_key',
        'process_definition_key',
        'bpmn_process_id',
        'process_definition_version',
        'element_id',
        'element_instance_key',
        'task_name',
        'assignee',
        'candidate_groups',
        'candidate_users',
        'due_date',
        'priority',
        'state',
        'created_at',
        'updated_at',
        'department_id',
      ],
      (function* () {
        for (let i = 0; i < taskCount; i++) {
          const d = deptOf(i);
          const staff = byDept.get(d.id) ?? [];
          const assignee = i % 10 === 0 && staff.length ? staff[(i / 10) % staff.length]!.username : '\\N';
          const due = now + ((i % 30) - 10) * 86_400_000 + (i % 24) * 3_600_000;
          const type = TASK_TYPES[i % TASK_TYPES.length]!;
          yield `${taskId(i)}\t${instanceId(i)}\t${instanceId(i)}\t${definitionId}\tcommunity-service\t1\t${type}\t${type}:${uuid(3, i)}\t${type}\t${assignee}\t{officer.${d.code}}\t{}\t${iso(due)}\t50\tCREATED\t${iso(now - (i % 1000) * 60_000)}\t${iso(now)}\t${d.id}\n`;
        }
      })(),
      (n) => count(n),
    );
    await client.query('ANALYZE');
    const seedMs = Date.now() - t0;
    log(`data ready in ${fmt(seedMs)} ms`);

    // The API, over HTTP, as the browser calls it.
    const sessions = new SessionStore(prisma, { idleMinutes: 60, maxHours: 10 });
    const app = createApp({
      config: cfg,
      logger: pino({ level: 'silent' }),
      checks: {
        engine: async () => ({ status: 'up', latencyMs: 0 }),
        database: async () => ({ status: 'up', latencyMs: 0 }),
        workers: async () => ({ status: 'up', latencyMs: 0 }),
      },
      // The inbox list reads the read model only; no engine runs here (a call would fail as unavailable).
      workflow: createWorkflow({ nodes: ['http://127.0.0.1:9'], user: 'bench', password: 'no-engine-in-this-bench' })
        .engine,
      prisma,
      sessions,
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const pool = new Pool({ connectionString: dbUrl, max: 4 });

    const sample = Array.from({ length: 50 }, (_, i) => officers[(i * 37) % officers.length]!);
    const actors: { actor: Actor; token: string }[] = [];
    for (const o of sample) {
      const d = depts.find((x) => x.id === o.department_id)!;
      const s = await sessions.create(o.id, {});
      actors.push({
        token: s.token,
        actor: {
          id: o.id,
          username: o.username,
          fullName: o.full_name,
          roles: ['officer'],
          department: { id: d.id, code: d.code, name: d.name },
        },
      });
    }
    const variants: Partial<InboxFilter>[] = [
      { scope: 'group' },
      { scope: 'mine' },
      { scope: 'group', due: 'overdue' },
      { scope: 'group', sort: 'client', page: 3 },
      { scope: 'group', caseNumber: 'B00012' },
      { scope: 'group', client: 'Kalniņa' },
    ];
    const plan = Array.from({ length: requests }, (_, i) => ({
      who: actors[i % actors.length]!,
      v: variants[i % variants.length]!,
    }));
    const filterOf = (v: Partial<InboxFilter>): InboxFilter => ({
      scope: 'group',
      sort: 'due',
      order: 'asc',
      page: 1,
      pageSize: 25,
      ...v,
    });

    const timeApi = async (p: (typeof plan)[number]) => {
      const q = new URLSearchParams(Object.entries(p.v).map(([k, x]) => [k, String(x)]));
      const started = performance.now();
      const res = await fetch(`${base}/api/tasks?${q}`, { headers: { cookie: `plusflow_session=${p.who.token}` } });
      const body = (await res.json()) as { total?: number };
      if (res.status !== 200) throw new Error(`inbox API answered ${res.status}: ${JSON.stringify(body)}`);
      return performance.now() - started;
    };
    const timeSql = async (p: (typeof plan)[number]) => {
      const f = filterOf(p.v);
      const page = inboxPageSql(p.who.actor, f);
      const counts = inboxCountsSql(p.who.actor, f);
      const started = performance.now();
      await Promise.all([pool.query(page.text, page.values), pool.query(counts.text, counts.values)]);
      return performance.now() - started;
    };

    log('warming up');
    for (const p of plan.slice(0, 30)) {
      await timeApi(p);
      await timeSql(p);
    }
    // Alternate the two so that both see the same machine and cache conditions.
    const apiMs: number[] = [];
    const sqlMs: number[] = [];
    const byVariant = variants.map(() => ({ api: [] as number[], sql: [] as number[] }));
    const tick = progressEvery(plan.length, 'requests');
    for (const [i, p] of plan.entries()) {
      apiMs.push(await timeApi(p));
      sqlMs.push(await timeSql(p));
      const v = byVariant[variants.indexOf(p.v)]!;
      v.api.push(apiMs.at(-1)!);
      v.sql.push(sqlMs.at(-1)!);
      tick(i + 1);
    }
    server.close();
    await pool.end();
    await prisma.$disconnect();
    await client.end();

    const api = { p50: round(pct(apiMs, 0.5)), p95: round(pct(apiMs, 0.95)) };
    const sql = { p50: round(pct(sqlMs, 0.5)), p95: round(pct(sqlMs, 0.95)) };
    log('');
    log(
      `data: ${taskCount.toLocaleString('en')} open tasks, ${officers.length} officers, ${depts.length} departments (seeded in ${fmt(seedMs)} ms)`,
    );
    log(`inbox API (GET /api/tasks, HTTP, session, page + counts): p50 ${api.p50} ms, p95 ${api.p95} ms`);
    log(`bare SQL (the same page + counts statements through pg):   p50 ${sql.p50} ms, p95 ${sql.p95} ms`);
    const perVariant = variants.map((v, i) => ({
      filter: v,
      apiP50: round(pct(byVariant[i]!.api, 0.5)),
      sqlP50: round(pct(byVariant[i]!.sql, 0.5)),
    }));
    for (const v of perVariant)
      log(
        `  ${JSON.stringify(v.filter).padEnd(48)} API p50 ${String(v.apiP50).padStart(7)} ms   SQL p50 ${String(v.sqlP50).padStart(7)} ms`,
      );
    log(
      `ratio API / SQL: p50 ${round(api.p50 / sql.p50)}×, p95 ${round(api.p95 / sql.p95)}×   (${requests} requests each, alternating)`,
    );
    const result = {
      bench: 'inbox',
      timestamp: new Date().toISOString(),
      machine: machineFacts(),
      data: { tasks: taskCount, officers: officers.length, departments: depts.length, seedMs },
      requests,
      variants: perVariant,
      apiMs: api,
      sqlMs: sql,
      ratio: { p50: round(api.p50 / sql.p50), p95: round(api.p95 / sql.p95) },
    };
    const file = writeResult('inbox', result, values.tmp);
    log(`written: ${file}`);
  } finally {
    process.removeListener('SIGINT', stop);
    if (values.keep) log(`kept the scratch database ${scratch.name}`);
    else await scratch.drop();
  }
}
