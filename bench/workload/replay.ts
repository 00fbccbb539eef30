import { Pool } from 'pg';
import type { StackConfig } from '../../platform/config';
import { createPrisma, type PrismaClient } from '../../platform/db/prisma';
import { createWorkflowFromConfig, type WorkflowEngine } from '../../workflow';
import { publishMessage } from '../../workflow/messages';
import { signIn, type StaffSession } from '../../platform/staff-sign-in';
import { generateMessage } from '../../scenarios/messages';
import { answerFor } from './answers';
import type { CaseSpec } from './mix';

/**
 * Plays a population of clients through a running stack, the way the outside world and the staff would:
 * decisions appear in the TIS and ProIS simulators' outboxes (intake picks them up), officers complete their
 * tasks through the API with valid data (a bot signed in as a member of each task's candidate group, through
 * the real OpenID flow), employers report hours and absences as process messages (the e-services will publish
 * the same), the court's conversion decision comes back through TIS, and, when asked, a supervisor retries
 * incidents through the monitor API. Everything the bot reads comes from the read models the UI uses.
 * Shared by `npm run bench -- year` and `npm run chaos`.
 */
export interface ReplayOptions {
  /** Most cases open at once: decisions arrive as earlier cases finish, like a steady year. */
  inFlight: number;
  /** Parallel task completions by the bot. */
  botConcurrency: number;
  /** Give up waiting for the last cases after this long (ms from the start). */
  deadlineMs: number;
  /** Retry incidents older than this (ms) through the monitor API as a supervisor would; off when undefined. */
  retryIncidentsAfterMs?: number;
  /** End the run when nothing moved for this long (180 s); longer than any outage the run plays on purpose. */
  stallMs?: number;
  log: (line: string) => void;
  /** Called on every tick with the share of cases finished (0–1), e.g. to time chaos. */
  onTick?: (finished: number) => Promise<void> | void;
}

interface CaseRun {
  spec: CaseSpec;
  message: Record<string, unknown>;
  messageId?: string;
  injectedAt?: number;
  caseId?: number;
  /** Days reported so far (each report continues after the last). */
  workDays: number;
  rootKey?: string;
  openedAt?: number;
  endedAt?: number;
  endState?: string;
  absences: number;
}

export interface ReplayResult {
  startedAt: string;
  endedAt: string;
  seconds: number;
  cases: { planned: number; injected: number; opened: number; completed: number; terminated: number; open: number };
  byProcess: Record<string, { planned: number; completed: number }>;
  /** Decision in the outbox → case's process instance completed, per completed case (ms). */
  leadTimesMs: number[];
  /** Decision in the outbox → case opened with a running instance (ms). */
  intakeMs: number[];
  tasksCompletedByBot: Record<string, number>;
  tasksLeftForPeople: Record<string, number>;
  botRetries: number;
  /** The engine's clock was this far ahead of real time during the run (its timestamps in read models and history). */
  engineClockAheadMs: number;
  incidents: { seen: number; retried: number; retryCalls: number };
  /** Cases not completed at the end, with where they stand. */
  unfinished: {
    n: number;
    process: string;
    caseId?: number;
    rootKey?: string;
    state: string;
    openTasks: string[];
    incidents: string[];
  }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Hours reports must name days already worked (issue 15's check: not before the placement, not after the engine's
 * today, each day once, ≤ 24 h, a minor's legal limits). A replay runs in minutes, so before the first case the
 * engine's clock (the development clock of the bench's own stack) is moved this far ahead once: the placements
 * start on the real date, and the employers report days between it and the engine's today. Timers are set from
 * the moved clock, so none fires early; none exists before the move.
 */
export const ENGINE_CLOCK_AHEAD_MS = 200 * 86_400_000;
/** Reported days start this many days after the real date (the placement's start may be a day later in Riga). */
const FIRST_WORK_DAY = 2;
const TICK_MS = 300;
const STALL_MS = 180_000;

export class Replay {
  private readonly pool: Pool;
  private readonly engine: WorkflowEngine;
  /** For messages: stored first, delivered now or by the worker host's sweeper (workflow/messages.ts). */
  private readonly prisma: PrismaClient;
  private readonly sim: string;
  private readonly runs: CaseRun[];
  private readonly byRoot = new Map<string, CaseRun>();
  private readonly sessions = new Map<string, Promise<StaffSession>>();
  private readonly actorOfGroup = new Map<string, string>();
  private readonly busy = new Set<string>();
  /** Tasks the bot sent a completion for, and those whose consequences it has played. */
  private readonly attempted = new Set<string>();
  private readonly followedUp = new Set<string>();
  private readonly notBefore = new Map<string, number>();
  /** Outside-world actions (messages, decisions) that failed, e.g. while the engine restarts: tried again. */
  private pending: { what: string; act: () => Promise<void> }[] = [];
  private readonly completed: Record<string, number> = {};
  private readonly leftForPeople = new Map<string, string>();
  private readonly incidentTries = new Map<string, number>();
  /** Completions per case and task type: a task that keeps coming back (closure blocked) goes to people. */
  private readonly repeats = new Map<string, number>();
  private botRetries = 0;
  private next = 0;
  private lastError = '';
  /** How far the engine's clock is ahead of ours: engine timestamps (read models, history) minus this are our time. */
  private clockAheadMs = 0;

  constructor(
    private readonly cfg: StackConfig,
    databaseUrl: string,
    specs: CaseSpec[],
    private readonly opts: ReplayOptions,
    private readonly today = new Date(),
  ) {
    // Errors of idle clients (PostgreSQL restarting) must not end the run: the next query reconnects.
    this.pool = new Pool({ connectionString: databaseUrl, max: 4 });
    this.pool.on('error', () => undefined);
    this.engine = createWorkflowFromConfig(cfg).engine;
    this.prisma = createPrisma(databaseUrl, { max: 2 });
    this.sim = `http://127.0.0.1:${cfg.simulators.port}`;
    this.runs = specs.map((spec) => ({
      spec,
      message: generateMessage(
        spec.system,
        { seed: spec.seed, measure: spec.measure, hours: spec.hours, age: spec.age },
        today,
      ),
      absences: 0,
      workDays: 0,
    }));
  }

  async run(): Promise<ReplayResult> {
    if (!this.engine.clock)
      throw new Error('the replay needs the engine development clock (PLUSFLOW_ENGINE_CLOCK_CONTROLLED=true)');
    await this.engine.clock.advance(ENGINE_CLOCK_AHEAD_MS);
    this.clockAheadMs = ENGINE_CLOCK_AHEAD_MS;
    this.opts.log(
      `  engine clock moved ${ENGINE_CLOCK_AHEAD_MS / 86_400_000} days ahead, so employers can report days already worked`,
    );
    const started = Date.now();
    const deadline = started + this.opts.deadlineMs;
    const inflight = new Set<Promise<void>>();
    let lastLog = 0;
    let lastProgress = { at: Date.now(), mark: '' };
    while (Date.now() < deadline) {
      try {
        await this.injectUpToLimit();
        await this.linkCases();
        await this.checkEnds();
        await this.retryPending();
        for (const task of await this.openTasks()) {
          if (inflight.size >= this.opts.botConcurrency) break;
          const p = this.work(task).finally(() => inflight.delete(p));
          inflight.add(p);
        }
        if (this.opts.retryIncidentsAfterMs !== undefined) await this.retryIncidents(this.opts.retryIncidentsAfterMs);
        this.lastError = '';
      } catch (err) {
        // The database or the engine is away (chaos): say so once, keep going.
        const msg = err instanceof Error ? err.message : String(err);
        if (msg !== this.lastError) this.opts.log(`  … waiting: ${msg}`);
        this.lastError = msg;
      }
      const finished = this.runs.filter((r) => r.endedAt).length;
      await this.opts.onTick?.(finished / this.runs.length);
      if (Date.now() - lastLog > 5_000) {
        lastLog = Date.now();
        this.opts.log(this.progressLine(started));
      }
      if (finished === this.runs.length) break;
      // Nothing moved for a long while: what is open waits for people, or is stuck (then new cases would be too).
      const mark = `${finished}/${Object.values(this.completed).reduce((a, b) => a + b, 0)}/${this.next}`;
      if (mark !== lastProgress.mark) lastProgress = { at: Date.now(), mark };
      else if (Date.now() - lastProgress.at > (this.opts.stallMs ?? STALL_MS)) {
        this.opts.log(`  nothing moved for ${(this.opts.stallMs ?? STALL_MS) / 1000} s: ending the run`);
        break;
      }
      await sleep(TICK_MS);
    }
    await Promise.allSettled(inflight);
    this.opts.log(this.progressLine(started));
    const ended = Date.now();
    const unfinished = await this.describeUnfinished().catch(() => []);
    await this.pool.end();
    await this.prisma.$disconnect().catch(() => undefined);
    const completedRuns = this.runs.filter((r) => r.endState === 'COMPLETED');
    const byProcess: ReplayResult['byProcess'] = {};
    for (const r of this.runs) {
      const b = (byProcess[r.spec.process] ??= { planned: 0, completed: 0 });
      b.planned++;
      if (r.endState === 'COMPLETED') b.completed++;
    }
    return {
      startedAt: new Date(started).toISOString(),
      endedAt: new Date(ended).toISOString(),
      seconds: (ended - started) / 1000,
      cases: {
        planned: this.runs.length,
        injected: this.runs.filter((r) => r.injectedAt).length,
        opened: this.runs.filter((r) => r.rootKey).length,
        completed: completedRuns.length,
        terminated: this.runs.filter((r) => r.endState && r.endState !== 'COMPLETED').length,
        open: this.runs.filter((r) => r.injectedAt && !r.endedAt).length,
      },
      byProcess,
      leadTimesMs: completedRuns.map((r) => r.endedAt! - r.injectedAt!),
      intakeMs: this.runs.filter((r) => r.openedAt).map((r) => r.openedAt! - r.injectedAt!),
      tasksCompletedByBot: this.completed,
      tasksLeftForPeople: [...this.leftForPeople.values()].reduce<Record<string, number>>(
        (acc, e) => ((acc[e] = (acc[e] ?? 0) + 1), acc),
        {},
      ),
      botRetries: this.botRetries,
      engineClockAheadMs: this.clockAheadMs,
      incidents: {
        seen: this.incidentTries.size,
        retried: [...this.incidentTries.values()].filter((n) => n > 0).length,
        retryCalls: [...this.incidentTries.values()].reduce((a, b) => a + b, 0),
      },
      unfinished,
    };
  }

  private progressLine(started: number): string {
    const s = (Date.now() - started) / 1000;
    const done = this.runs.filter((r) => r.endedAt).length;
    const tasks = Object.values(this.completed).reduce((a, b) => a + b, 0);
    const incidents = this.incidentTries.size ? `, incidents seen ${this.incidentTries.size}` : '';
    return `  ${s.toFixed(0).padStart(4)} s  cases ${done}/${this.runs.length} finished (${Math.round((done / this.runs.length) * 100)} %), ${this.runs.filter((r) => r.injectedAt && !r.endedAt).length} open; tasks completed ${tasks}${incidents}`;
  }

  /** New decisions in the outboxes, keeping at most `inFlight` cases open. */
  private async injectUpToLimit(): Promise<void> {
    let open = this.runs.filter((r) => r.injectedAt && !r.endedAt).length;
    while (open < this.opts.inFlight && this.next < this.runs.length) {
      const run = this.runs[this.next]!;
      const res = await fetch(`${this.sim}/${run.spec.system}/_admin/inject`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(run.message),
      });
      if (!res.ok)
        throw new Error(`${run.spec.system} simulator refused a decision: ${res.status} ${await res.text()}`);
      run.messageId = ((await res.json()) as { messageId: string }).messageId;
      run.injectedAt = Date.now();
      this.next++;
      open++;
    }
  }

  /** Decision → case → process instance, as intake recorded them. */
  private async linkCases(): Promise<void> {
    const waiting = this.runs.filter((r) => r.messageId && !r.rootKey);
    if (!waiting.length) return;
    const { rows } = await this.pool.query<{
      system: string;
      message_id: string;
      case_id: number;
      key: string | null;
      opened: Date;
    }>(
      `SELECT m.system, m.message_id, c.id AS case_id, c.process_instance_key::text AS key, c.opened_at AS opened
       FROM inbound_message m JOIN "case" c ON c.id = m.case_id WHERE m.message_id = ANY($1)`,
      [waiting.map((r) => r.messageId!)],
    );
    const byId = new Map(rows.map((r) => [`${r.system}/${r.message_id}`, r]));
    for (const run of waiting) {
      const row = byId.get(`${run.spec.system.toUpperCase()}/${run.messageId}`);
      if (!row?.key) continue;
      run.caseId = row.case_id;
      run.rootKey = row.key;
      run.openedAt = Date.now();
      this.byRoot.set(row.key, run);
    }
  }

  private async checkEnds(): Promise<void> {
    const open = this.runs.filter((r) => r.rootKey && !r.endedAt);
    if (!open.length) return;
    const { rows } = await this.pool.query<{ key: string; state: string; ended: Date }>(
      `SELECT process_instance_key::text AS key, state, ended_at AS ended FROM process_instance WHERE process_instance_key = ANY($1::text[]) AND state <> 'ACTIVE' AND ended_at IS NOT NULL`,
      [open.map((r) => r.rootKey!)],
    );
    for (const row of rows) {
      const run = this.byRoot.get(row.key)!;
      run.endedAt = row.ended.getTime() - this.clockAheadMs;
      run.endState = row.state;
    }
  }

  private async openTasks(): Promise<
    { key: string; element: string; process: string; groups: string[]; root: string }[]
  > {
    const roots = [...this.byRoot.entries()].filter(([, r]) => !r.endedAt).map(([k]) => k);
    if (!roots.length) return [];
    const { rows } = await this.pool.query<{
      key: string;
      element: string;
      process: string;
      groups: string[];
      root: string;
    }>(
      `SELECT t.user_task_key::text AS key, t.element_id AS element, t.bpmn_process_id AS process, t.candidate_groups AS groups,
              COALESCE(t.root_process_instance_key, p.root_process_instance_key, t.process_instance_key)::text AS root
       FROM user_task t LEFT JOIN process_instance p ON p.process_instance_key = t.process_instance_key
       WHERE t.state = 'CREATED' AND COALESCE(t.root_process_instance_key, p.root_process_instance_key, t.process_instance_key) = ANY($1::text[])
       ORDER BY t.created_at`,
      [roots],
    );
    const now = Date.now();
    return rows.filter(
      (t) => !this.busy.has(t.key) && !this.leftForPeople.has(t.key) && (this.notBefore.get(t.key) ?? 0) <= now,
    );
  }

  private async work(task: {
    key: string;
    element: string;
    process: string;
    groups: string[];
    root: string;
  }): Promise<void> {
    const run = this.byRoot.get(task.root);
    const answer = answerFor(task.element);
    const repeatKey = `${task.root}/${task.element}`;
    const limit =
      task.element === 'ConfirmHours'
        ? 40
        : task.element === 'EvaluateAbsence'
          ? 4
          : task.element === 'SelectWorkPlace'
            ? 6
            : 3;
    if (!run || !answer || (this.repeats.get(repeatKey) ?? 0) >= limit) {
      this.leftForPeople.set(task.key, task.element);
      return;
    }
    this.busy.add(task.key);
    try {
      const session = await this.sessionFor(task.groups);
      const form = task.element === 'SelectWorkPlace' ? await this.formData(session, task.key) : {};
      let variables: Record<string, unknown>;
      try {
        variables = answer({
          process: run.spec.process,
          form,
          absences: run.absences,
          attempt: this.repeats.get(repeatKey) ?? 0,
          today: this.today,
        });
      } catch {
        // Nothing valid to enter (e.g. no work place proposed: all nearby places are full): a person decides.
        this.leftForPeople.set(task.key, task.element);
        return;
      }
      this.attempted.add(task.key);
      const res = await session.fetch(`/api/tasks/${task.key}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ variables }),
      });
      if (res.status === 404 || res.status === 409) {
        // Completed already. If an earlier try of ours lost its answer (engine or database restarting), that try
        // went through: the outside world must still do what follows it (hours reports, the court's decision).
        if (this.attempted.has(task.key) && !this.followedUp.has(task.key)) {
          this.followedUp.add(task.key);
          this.completed[task.element] = (this.completed[task.element] ?? 0) + 1;
          this.afterTask(task.element, run, variables);
        }
        return;
      }
      if (!res.ok) throw new Error(`complete ${task.element}: ${res.status} ${(await res.text()).slice(0, 200)}`);
      this.followedUp.add(task.key);
      this.completed[task.element] = (this.completed[task.element] ?? 0) + 1;
      this.repeats.set(repeatKey, (this.repeats.get(repeatKey) ?? 0) + 1);
      this.afterTask(task.element, run, variables);
    } catch {
      this.botRetries++;
      this.notBefore.set(task.key, Date.now() + 2_000);
    } finally {
      this.busy.delete(task.key);
    }
  }

  /** What the outside world does next: employers report hours or absences, the court decides on conversion. */
  private afterTask(element: string, run: CaseRun, variables: Record<string, unknown>): void {
    const caseId = String(run.caseId);
    const publish = (name: string, messageId: string, vars: Record<string, unknown>) =>
      this.later(`${name} ${messageId}`, async () => {
        // Stored under its id first: a retry after a lost answer is a 'duplicate', not a second message.
        await publishMessage(this.prisma, this.engine, {
          name,
          businessKey: caseId,
          messageId,
          ttlMs: 3_600_000,
          variables: vars,
        });
      });
    const day = (plus: number) => new Date(this.today.getTime() + plus * 86_400_000).toISOString().slice(0, 10);
    if (element === 'RecordAgreement' && run.spec.complies) {
      const reports = Math.ceil(run.spec.hours / 40);
      for (let i = 1; i <= reports; i++) {
        const hours = Math.min(40, run.spec.hours - (i - 1) * 40);
        const reportId = `H${i}-${caseId}`;
        publish('hours-reported', reportId, {
          hoursReport: {
            reportId,
            totalHours: hours,
            entries: this.workedDays(run, hours),
            ...(i === reports ? { isFinalCertification: true } : {}),
          },
        });
      }
    } else if (
      (element === 'RecordAgreement' && !run.spec.complies) ||
      (element === 'EvaluateAbsence' && variables.absenceAssessment === 'WARNING')
    ) {
      if (element === 'EvaluateAbsence') run.absences++;
      const reportId = `A${run.absences + 1}-${caseId}`;
      publish('absence-reported', reportId, {
        absenceReport: { reportId, kind: 'NO_SHOW', date: day(2 + run.absences * 2), reportedBy: 'EMPLOYER' },
      });
    } else if (element === 'EvaluateAbsence') {
      run.absences++;
    } else if (element === 'ApproveConversion') {
      const m = run.message as {
        rulingId: string;
        court: string;
        caseNumber: string;
        person: { personalCode: string };
      };
      this.later(`conversion decision for case ${caseId}`, async () => {
        const decision = {
          messageType: 'CONVERSION_DECISION',
          decisionId: `LEM-${caseId}`,
          rulingId: m.rulingId,
          court: m.court,
          caseNumber: m.caseNumber,
          decisionDate: day(0),
          personalCode: m.person.personalCode,
          decision: 'CONVERTED',
          replacement: 'brīvības atņemšana uz 7 dienām',
        };
        const res = await fetch(`${this.sim}/tis/_admin/inject`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(decision),
        });
        if (!res.ok) throw new Error(`TIS simulator: ${res.status}`);
      });
    }
  }

  /**
   * Days worked for one report, after the case's earlier reports: adults up to 8 h a day, any day; minors 2 h on
   * weekdays (within every age's daily and weekly limits in term time).
   */
  private workedDays(run: CaseRun, hours: number): { date: string; hours: number }[] {
    const minor = run.spec.age < 18;
    const perDay = minor ? 2 : 8;
    const out: { date: string; hours: number }[] = [];
    for (let left = hours; left > 0;) {
      const date = new Date(this.today.getTime() + (FIRST_WORK_DAY + run.workDays++) * 86_400_000);
      if (minor && (date.getUTCDay() === 0 || date.getUTCDay() === 6)) continue;
      const h = Math.min(perDay, left);
      out.push({ date: date.toISOString().slice(0, 10), hours: h });
      left -= h;
    }
    return out;
  }

  private later(what: string, act: () => Promise<void>): void {
    this.pending.push({ what, act });
  }

  private async retryPending(): Promise<void> {
    const todo = this.pending;
    this.pending = [];
    for (const p of todo) {
      try {
        await p.act();
      } catch {
        this.pending.push(p);
      }
    }
  }

  /** As a supervisor: incidents open longer than `afterMs` get their retries back (POST /api/monitor/incidents/:key/resolve). */
  private async retryIncidents(afterMs: number): Promise<void> {
    const { rows } = await this.pool.query<{ key: string; old: boolean }>(
      // created_at is the engine's time, ahead of the database's now() by the clock move.
      `SELECT incident_key::text AS key, created_at < now() - make_interval(secs => $1::double precision / 1000) AS old FROM incident WHERE state = 'ACTIVE'`,
      [afterMs - this.clockAheadMs],
    );
    if (!rows.length) return;
    const admin = await this.session('dace.petersone');
    for (const row of rows) {
      if (!this.incidentTries.has(row.key)) this.incidentTries.set(row.key, 0);
      if (!row.old || (this.notBefore.get(`incident ${row.key}`) ?? 0) > Date.now()) continue;
      const res = await admin.fetch(`/api/monitor/incidents/${row.key}/resolve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'Ārējā sistēma atkal pieejama; mēģinām vēlreiz', retries: 3 }),
      });
      this.incidentTries.set(row.key, this.incidentTries.get(row.key)! + 1);
      // A resolved incident leaves the read model a moment later; do not retry it twice in that moment.
      this.notBefore.set(`incident ${row.key}`, Date.now() + (res.ok ? 5_000 : 2_000));
    }
  }

  private async formData(session: StaffSession, taskKey: string): Promise<Record<string, unknown>> {
    const res = await session.fetch(`/api/tasks/${taskKey}/form`);
    if (!res.ok) throw new Error(`form of task ${taskKey}: ${res.status}`);
    return ((await res.json()) as { data: Record<string, unknown> }).data;
  }

  /** A member of the task's first candidate group, signed in once. */
  private async sessionFor(groups: string[]): Promise<StaffSession> {
    const group = groups[0];
    if (!group) throw new Error('a task without candidate groups');
    let username = this.actorOfGroup.get(group);
    if (!username) {
      const [role, ...dept] = group.split('.');
      const { rows } = await this.pool.query<{ username: string }>(
        `SELECT u.username FROM app_user u JOIN department d ON d.id = u.department_id JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id
         WHERE u.active AND d.code = $1 AND r.code = $2 ORDER BY u.id LIMIT 1`,
        [dept.join('.'), role],
      );
      username = rows[0]?.username;
      if (!username) throw new Error(`nobody in group ${group}`);
      this.actorOfGroup.set(group, username);
    }
    return this.session(username);
  }

  private session(username: string): Promise<StaffSession> {
    let s = this.sessions.get(username);
    if (!s) {
      s = signIn(this.cfg.api.publicUrl, username);
      s.catch(() => this.sessions.delete(username));
      this.sessions.set(username, s);
    }
    return s;
  }

  private async describeUnfinished(): Promise<ReplayResult['unfinished']> {
    const out: ReplayResult['unfinished'] = [];
    for (const run of this.runs.filter((r) => !r.endedAt || r.endState !== 'COMPLETED')) {
      const base = {
        n: run.spec.n,
        process: run.spec.process,
        ...(run.caseId ? { caseId: run.caseId } : {}),
        ...(run.rootKey ? { rootKey: run.rootKey } : {}),
      };
      if (!run.rootKey) {
        out.push({ ...base, state: run.injectedAt ? 'no case opened' : 'not injected', openTasks: [], incidents: [] });
        continue;
      }
      const tree = `WITH RECURSIVE tree(key) AS (SELECT $1::text UNION SELECT p.process_instance_key FROM process_instance p JOIN tree ON p.parent_process_instance_key = tree.key)`;
      const tasks = await this.pool.query<{ e: string }>(
        `${tree} SELECT element_id AS e FROM user_task WHERE state = 'CREATED' AND process_instance_key IN (SELECT key FROM tree)`,
        [run.rootKey],
      );
      const incidents = await this.pool.query<{ e: string }>(
        `${tree} SELECT element_id || ': ' || error_message AS e FROM incident WHERE state = 'ACTIVE' AND process_instance_key IN (SELECT key FROM tree)`,
        [run.rootKey],
      );
      out.push({
        ...base,
        state: run.endState ?? 'ACTIVE',
        openTasks: tasks.rows.map((r) => r.e),
        incidents: incidents.rows.map((r) => r.e),
      });
    }
    return out;
  }
}
