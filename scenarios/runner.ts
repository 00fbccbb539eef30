import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { parse as parseYaml } from 'yaml';
import type { StackConfig } from '../platform/config';
import { createPrisma } from '../platform/db/prisma';
import type { PrismaClient } from '../prisma/generated/client';
import { createWorkflowFromConfig, type WorkflowEngine } from '../workflow';
import { publishMessage } from '../workflow/messages';
import { DEFAULT_SCHOOL_HOLIDAYS, publicHolidayList, type ScheduleInput } from '../domain/work-schedule';
import { ScenarioSchema, type Scenario, type Step } from './format';
import { generateMessage } from './messages';
import { resolve } from './templating';
import { signIn, type StaffSession } from '../platform/staff-sign-in';

/**
 * Plays a scenario (scenarios/format.ts, docs/scenarios.md) against a running stack: the simulators' admin API
 * for the outside world, the API for officers' task completions, the engine's REST API for e-service messages
 * and its management API for time, and the database read models to find tasks and check the outcome. After
 * every step the case's process tree is checked for incidents: one fails the scenario at once.
 */
export interface StepResult {
  index: number;
  kind: string;
  ok: boolean;
  ms: number;
  detail: string;
}
export interface ScenarioResult {
  name: string;
  ok: boolean;
  steps: StepResult[];
  error?: string;
}

export class ScenarioFormatError extends Error {
  override readonly name = 'ScenarioFormatError';
}

export function loadScenario(file: string): Scenario {
  const text = readFileSync(file, 'utf8');
  const raw: unknown = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.map(String).join('.') || '(scenario)'}: ${i.message}`);
    throw new ScenarioFormatError(`${file} is not a valid scenario:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

class StepFailed extends Error {}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ScenarioRunner {
  private readonly pool: Pool;
  private readonly engine: WorkflowEngine;
  private readonly prisma: PrismaClient;
  private readonly sim: string;
  private readonly api: string;
  private clockMoved = false;
  /** Incidents an expectIncident step saw: no longer a reason to stop the scenario. */
  private readonly expectedIncidents = new Set<string>();
  private vars: Record<string, unknown> = {};
  private readonly sessions = new Map<string, StaffSession>();
  private defaultTimeout = 60_000;

  constructor(
    private readonly cfg: StackConfig,
    databaseUrl: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 2 });
    this.engine = createWorkflowFromConfig(cfg).engine;
    this.prisma = createPrisma(databaseUrl);
    this.sim = `http://127.0.0.1:${cfg.simulators.port}`;
    this.api = cfg.api.publicUrl;
  }

  /** A value bound by the last scenario run (e.g. `case`), for callers that continue from where it ended. */
  bound(name: string): unknown {
    return this.vars[name];
  }

  async close(): Promise<void> {
    await this.pool.end();
    await this.prisma.$disconnect();
  }

  async run(s: Scenario): Promise<ScenarioResult> {
    this.vars = { ...s.vars };
    this.defaultTimeout = s.timeoutMs;
    const steps: StepResult[] = [];
    this.log(`▶ ${s.name}`);
    try {
      for (const [i, raw] of s.steps.entries()) {
        const kind = Object.keys(raw)[0]!;
        const started = Date.now();
        try {
          const step = resolve(raw, this.vars);
          const detail = await this.step(step);
          await this.assertNoIncidents();
          steps.push({ index: i + 1, kind, ok: true, ms: Date.now() - started, detail });
          this.log(
            `  ✔ ${String(i + 1).padStart(2)} ${kind.padEnd(16)} ${detail} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
          );
        } catch (err) {
          const detail = err instanceof Error ? err.message : String(err);
          steps.push({ index: i + 1, kind, ok: false, ms: Date.now() - started, detail });
          this.log(`  ✖ ${String(i + 1).padStart(2)} ${kind.padEnd(16)} ${detail}`);
          return { name: s.name, ok: false, steps, error: `step ${i + 1} (${kind}): ${detail}` };
        }
      }
      return { name: s.name, ok: true, steps };
    } finally {
      // The engine's clock stays moved: setting it back would leave the engine's own schedulers (job time-outs,
      // timers) waiting for the later time. It returns to real time when the engine restarts.
      if (this.clockMoved) this.log('  (the engine clock stays ahead of real time until the engine restarts)');
      this.clockMoved = false;
    }
  }

  private async step(step: Step): Promise<string> {
    if ('inject' in step) return this.inject(step.inject);
    if ('redeliver' in step) {
      await this.admin(step.redeliver.system, 'POST', '/redeliver', { messageIds: [step.redeliver.messageId] });
      return `${step.redeliver.system}: ${step.redeliver.messageId} served again`;
    }
    if ('waitForCase' in step) return this.waitForCase(step.waitForCase);
    if ('completeTask' in step) return this.completeTask(step.completeTask);
    if ('waitForTask' in step) {
      const w = step.waitForTask;
      const task = await this.until(
        `task ${w.task}${w.candidateGroup ? ` with group ${w.candidateGroup}` : ''}`,
        w.timeoutMs,
        async () => {
          const t = await this.openTask(w.case, w.task);
          return t && (!w.candidateGroup || t.candidate_groups.includes(w.candidateGroup)) ? t : undefined;
        },
      );
      return `${w.task} open for ${task.candidate_groups.join(', ')}`;
    }
    if ('readVariable' in step) {
      const r = step.readVariable;
      const root = this.caseVar(r.case).processInstanceKey;
      const value = await this.until(`variable ${r.name}`, r.timeoutMs, () => this.caseVariable(root, r.name));
      this.vars[r.as] = value;
      return `${r.name} = ${JSON.stringify(value).slice(0, 120)}`;
    }
    if ('publishMessage' in step) {
      const p = step.publishMessage;
      const caseId = this.caseVar(p.case).id;
      const messageId =
        p.messageId ?? `scenario-${p.name}-${caseId}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      const result = await publishMessage(this.prisma, this.engine, {
        name: p.name,
        businessKey: String(caseId),
        messageId,
        ttlMs: 3_600_000,
        variables: p.variables,
      });
      return `${p.name} → case ${caseId} (${result})`;
    }
    if ('advanceClock' in step) {
      const ms = durationMs(step.advanceClock.duration);
      if (!this.engine.clock)
        throw new StepFailed(
          'the engine clock cannot be moved on this stack; set PLUSFLOW_ENGINE_CLOCK_CONTROLLED=true (development and test stacks only)',
        );
      await this.engine.clock.advance(ms);
      this.clockMoved = true;
      return `engine clock +${step.advanceClock.duration}`;
    }
    if ('setFault' in step) {
      await this.admin(step.setFault.system, 'PUT', '/faults', step.setFault.config);
      return `${step.setFault.system} faults ${JSON.stringify(step.setFault.config)}`;
    }
    if ('setEAddress' in step) {
      const { identifier, active, refuse } = step.setEAddress;
      await this.admin('e-adrese', 'PUT', `/accounts/${encodeURIComponent(identifier)}`, { active, refuse });
      return `e-adrese ${identifier}: ${active ? 'active' : 'not active'}${refuse ? ', refuses messages' : ''}`;
    }
    if ('prepare' in step) {
      const message = generateMessage(step.prepare.system, step.prepare.generate);
      this.vars[step.prepare.as] = { message };
      return `${step.prepare.system} decision prepared as ${step.prepare.as}`;
    }
    if ('setEducation' in step) {
      const { personalCode, documents, enrolment } = step.setEducation;
      await this.admin('viis', 'PUT', `/persons/${encodeURIComponent(personalCode)}/education`, {
        documents: documents.length || enrolment ? documents : null,
        enrolment,
      });
      return `VIIS ${personalCode}: ${documents.length} document(s), ${enrolment ? `enrolled ${JSON.stringify(enrolment).slice(0, 80)}` : 'not enrolled'}`;
    }
    if ('expectVariable' in step) {
      const e = step.expectVariable;
      const root = this.caseVar(e.case).processInstanceKey;
      const value = await this.until(`variable ${e.name} containing "${e.contains}"`, e.timeoutMs, async () => {
        const v = await this.caseVariable(root, e.name);
        const text = v === undefined ? undefined : JSON.stringify(v);
        return text?.includes(e.contains) ? text : undefined;
      });
      return `${e.name} contains "${e.contains}": ${value.slice(0, 160)}`;
    }
    if ('followUpNotifications' in step) return this.followUpNotifications(step.followUpNotifications);
    if ('expectOutbound' in step) return this.expectOutbound(step.expectOutbound);
    if ('expectDocuments' in step) {
      const e = step.expectDocuments;
      const caseId = this.caseVar(e.case).id;
      const n = await this.until(`${e.kind} documents`, e.timeoutMs, async () => {
        const { rows } = await this.pool.query<{ n: string }>(
          'SELECT count(*) AS n FROM document WHERE case_id = $1 AND kind = $2',
          [caseId, e.kind],
        );
        const count = Number(rows[0]!.n);
        return (e.count !== undefined ? count === e.count : count >= (e.min ?? 1)) ? count : undefined;
      });
      return `${n} × ${e.kind}`;
    }
    if ('expectInbound' in step) {
      const e = step.expectInbound;
      const row = await this.until(`inbound ${e.messageId} ${e.status}`, e.timeoutMs, async () => {
        const { rows } = await this.pool.query<{ status: string; duplicate_count: number; issues: string[] }>(
          'SELECT status, duplicate_count, issues FROM inbound_message WHERE system = $1 AND message_id = $2',
          [e.system.toUpperCase(), e.messageId],
        );
        const r = rows[0];
        return r && r.status === e.status && (e.duplicates === undefined || r.duplicate_count === e.duplicates)
          ? r
          : undefined;
      });
      if (e.issueContains && !row.issues.some((i) => i.includes(e.issueContains!)))
        throw new StepFailed(`issues ${JSON.stringify(row.issues)} do not mention "${e.issueContains}"`);
      return `${e.status}${row.issues.length ? `: ${row.issues[0]}` : ''}${row.duplicate_count ? `, ${row.duplicate_count} duplicate(s)` : ''}`;
    }
    if ('expectState' in step) return this.expectState(step.expectState);
    if ('expectPartner' in step) return this.expectPartner(step.expectPartner);
    if ('expectIncident' in step) return this.expectIncident(step.expectIncident);
    if ('retryIncidents' in step) return this.retryIncidents(step.retryIncidents);
    if ('expectSchedule' in step) return this.expectSchedule(step.expectSchedule);
    throw new StepFailed('unknown step');
  }

  private async inject(i: Extract<Step, { inject: unknown }>['inject']): Promise<string> {
    const message = i.generate ? generateMessage(i.system, i.generate) : i.message;
    const q = new URLSearchParams({
      ...(i.raw ? { raw: '1' } : {}),
      ...(i.messageId ? { messageId: i.messageId } : {}),
    });
    const res = (await this.admin(i.system, 'POST', `/inject?${q}`, message)) as {
      messageId: string;
      cursor: number;
      valid: boolean;
    };
    if (i.as) this.vars[i.as] = { ...res, message };
    return `${i.system} outbox #${res.cursor} ${res.messageId}${res.valid ? '' : ' (malformed on purpose)'}`;
  }

  private async waitForCase(w: { personalCode: string; as: string; timeoutMs?: number | undefined }): Promise<string> {
    const c = await this.until(`a case for ${w.personalCode} with a running process`, w.timeoutMs, async () => {
      const { rows } = await this.pool.query<{ id: number; case_number: string; code: string; key: string | null }>(
        `SELECT c.id, c.case_number, d.code, c.process_instance_key AS key FROM "case" c JOIN client cl ON cl.id = c.client_id JOIN department d ON d.id = c.department_id
         WHERE cl.personal_code = $1 ORDER BY c.id DESC LIMIT 1`,
        [w.personalCode],
      );
      return rows[0]?.key ? rows[0] : undefined;
    });
    this.vars[w.as] = { id: c.id, caseNumber: c.case_number, departmentCode: c.code, processInstanceKey: c.key };
    return `${c.case_number} in ${c.code}, instance ${c.key}`;
  }

  private async completeTask(t: Extract<Step, { completeTask: unknown }>['completeTask']): Promise<string> {
    const task = await this.until(`task ${t.task}`, t.timeoutMs, () => this.openTask(t.case, t.task));
    const user = await this.actor(t, task.candidate_groups);
    const session = await this.sessionOf(user.username);
    const res = await session.fetch(`/api/tasks/${task.user_task_key}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variables: t.variables }),
    });
    if (!res.ok) throw new StepFailed(`the API refused to complete ${t.task}: ${res.status} ${await res.text()}`);
    await this.until(`task ${t.task} to be completed in the read model`, t.timeoutMs, async () => {
      const { rows } = await this.pool.query<{ state: string }>(
        'SELECT state FROM user_task WHERE user_task_key = $1',
        [task.user_task_key],
      );
      return rows[0]?.state === 'COMPLETED' ? true : undefined;
    });
    return `${t.task} by ${user.username} (${user.groups.filter((g) => task.candidate_groups.includes(g)).join(', ')})`;
  }

  private async followUpNotifications(
    f: Extract<Step, { followUpNotifications: unknown }>['followUpNotifications'],
  ): Promise<string> {
    const c = this.caseVar(f.case);
    const user = await this.actor(
      f,
      ['officer', 'senior-officer', 'supervisor'].map((r) => `${r}.${c.departmentCode}`),
    );
    const session = await this.sessionOf(user.username);
    const { rows } = await this.pool.query<{ client_id: number }>('SELECT client_id FROM "case" WHERE id = $1', [c.id]);
    const res = await session.fetch(`/api/clients/${rows[0]!.client_id}/notifications?status=FAILED&pageSize=200`);
    if (!res.ok) throw new StepFailed(`the API refused the client's notifications: ${res.status} ${await res.text()}`);
    const failed = ((await res.json()) as { items: { id: number; caseId: number | null }[] }).items.filter(
      (n) => n.caseId === c.id,
    );
    if (!failed.length) throw new StepFailed('the case has no FAILED notification to follow up');
    for (const n of failed) {
      const path =
        f.action === 'resend' ? `/api/notifications/${n.id}/resend` : `/api/notifications/${n.id}/delivered-otherwise`;
      const body = f.action === 'resend' ? undefined : JSON.stringify({ channel: f.channel, note: f.note });
      const r = await session.fetch(path, {
        method: 'POST',
        ...(body ? { headers: { 'content-type': 'application/json' }, body } : {}),
      });
      if (!r.ok)
        throw new StepFailed(`the API refused ${f.action} of notification ${n.id}: ${r.status} ${await r.text()}`);
    }
    const ids = failed.map((n) => n.id);
    await this.until(`${ids.length} notification(s) delivered`, f.timeoutMs, async () => {
      const { rows: left } = await this.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification WHERE id = ANY($1) AND status <> 'SENT'`,
        [ids],
      );
      return left[0]!.n === 0 ? true : undefined;
    });
    return `${ids.length} notification(s) ${f.action === 'resend' ? 'sent again and delivered' : `recorded as delivered (${f.channel})`} by ${user.username}`;
  }

  /** Staff act through the API as themselves: signed in once per scenario run through the real OpenID flow. */
  private async sessionOf(username: string): Promise<StaffSession> {
    let s = this.sessions.get(username);
    if (!s) {
      s = await signIn(this.api, username);
      this.sessions.set(username, s);
    }
    return s;
  }

  /** The user who acts: named, or the first with that role in the task's department; must be a candidate. */
  private async actor(
    t: { user?: string; role?: string },
    candidateGroups: string[],
  ): Promise<{ username: string; groups: string[] }> {
    const dept = candidateGroups[0]?.split('.').slice(1).join('.');
    const { rows } = await this.pool.query<{ username: string; groups: string[] }>(
      `SELECT u.username, array_agg(r.code || '.' || d.code) AS groups FROM app_user u JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id JOIN department d ON d.id = u.department_id
       WHERE u.active AND ${t.user ? 'u.username = $1' : `d.code = $1 AND u.id IN (SELECT ur2.user_id FROM user_role ur2 JOIN role r2 ON r2.id = ur2.role_id WHERE r2.code = $2)`}
       GROUP BY u.id, u.username ORDER BY u.id LIMIT 1`,
      t.user ? [t.user] : [dept, t.role],
    );
    const user = rows[0];
    if (!user) throw new StepFailed(t.user ? `no active user ${t.user}` : `no ${t.role} in department ${dept}`);
    if (!user.groups.some((g) => candidateGroups.includes(g)))
      throw new StepFailed(
        `${user.username} (${user.groups.join(', ')}) may not work on a task for ${candidateGroups.join(', ')}`,
      );
    return user;
  }

  private async openTask(caseRef: string, elementId: string) {
    const root = this.caseVar(caseRef).processInstanceKey;
    const { rows } = await this.pool.query<{ user_task_key: string; candidate_groups: string[] }>(
      `SELECT user_task_key, candidate_groups FROM user_task WHERE state = 'CREATED' AND element_id = $2 AND root_process_instance_key = $1 ORDER BY created_at LIMIT 1`,
      [root, elementId],
    );
    return rows[0];
  }

  private async expectOutbound(e: Extract<Step, { expectOutbound: unknown }>['expectOutbound']): Promise<string> {
    const tally = async () => {
      const res = (await this.admin(
        e.system,
        'GET',
        `/received?endpoint=${encodeURIComponent(e.endpoint)}&limit=1000`,
      )) as {
        items: {
          status: number;
          fault: string | null;
          replayed: boolean;
          response: unknown;
          body: Record<string, unknown>;
        }[];
      };
      const mine = res.items.filter((it) =>
        Object.entries(e.where).every(([k, v]) => JSON.stringify(it.body?.[k]) === JSON.stringify(v)),
      );
      // What the system acted on: answered with success, or processed with the answer lost on the way back
      // (a timeout after processing). Replays of an Idempotency-Key are not new requests.
      const acted = mine.filter(
        (it) =>
          !it.replayed &&
          (it.status < 300 || (it.fault === 'timeout' && it.response !== null && it.response !== undefined)),
      ).length;
      return { acted, replayed: mine.filter((it) => it.replayed).length };
    };
    const what = `${e.count} × ${e.endpoint} ${JSON.stringify(e.where)} at ${e.system}${e.replayedAtLeast ? ` and ≥ ${e.replayedAtLeast} replayed retries` : ''}`;
    await this.until(what, e.timeoutMs, async () => {
      const t = await tally();
      return t.acted >= e.count && t.replayed >= (e.replayedAtLeast ?? 0) ? true : undefined;
    });
    await sleep(500); // anything extra would arrive now
    const t = await tally();
    if (t.acted !== e.count)
      throw new StepFailed(
        `${e.system} acted on ${t.acted} × ${e.endpoint} ${JSON.stringify(e.where)}, expected exactly ${e.count}`,
      );
    return `${e.system} acted on ${t.acted} × ${e.endpoint} ${JSON.stringify(e.where)}${t.replayed ? `; ${t.replayed} retries answered from its idempotency memory` : ''}`;
  }

  private async expectPartner(e: Extract<Step, { expectPartner: unknown }>['expectPartner']): Promise<string> {
    const seen = await this.until(
      `partner ${e.system} ${JSON.stringify({ ...e, system: undefined, timeoutMs: undefined })}`,
      e.timeoutMs,
      async () => {
        const { rows } = await this.pool.query<{ failures: number | null; waiting: string; tries: number | null }>(
          `SELECT (SELECT failures_in_row FROM partner_status WHERE system = $1) AS failures,
                (SELECT count(*) FROM partner_waiting_call WHERE system = $1 AND updated_at > now() - interval '20 minutes') AS waiting,
                (SELECT max(tries) FROM partner_waiting_call WHERE system = $1) AS tries`,
          [e.system],
        );
        const r = rows[0]!;
        const state = (r.failures ?? 0) > 0 ? 'unreachable' : 'up';
        const waiting = Number(r.waiting);
        const ok =
          (!e.state || state === e.state) &&
          (e.waitingAtLeast === undefined || waiting >= e.waitingAtLeast) &&
          (e.waiting === undefined || waiting === e.waiting) &&
          (e.triesAtLeast === undefined || (r.tries ?? 0) >= e.triesAtLeast);
        return ok ? { state, waiting, tries: r.tries } : undefined;
      },
    );
    return `${e.system} ${seen.state}, ${seen.waiting} waiting${seen.tries ? `, ${seen.tries} tries` : ''}`;
  }

  private async expectIncident(e: Extract<Step, { expectIncident: unknown }>['expectIncident']): Promise<string> {
    const root = this.caseVar(e.case).processInstanceKey;
    // Not `until`: it stops at the first incident, which is what this step waits for.
    const deadline = Date.now() + (e.timeoutMs ?? this.defaultTimeout);
    for (;;) {
      const { rows } = await this.pool.query<{ incident_key: string; error_message: string }>(
        `SELECT incident_key, error_message FROM incident WHERE state = 'ACTIVE' AND root_process_instance_key = $1`,
        [root],
      );
      if (rows.length > 1)
        throw new StepFailed(`${rows.length} incidents, expected one: ${rows.map((r) => r.error_message).join(' | ')}`);
      if (rows.length === 1) {
        const missing = e.contains.filter((c) => !rows[0]!.error_message.includes(c));
        if (missing.length)
          throw new StepFailed(`the incident text lacks ${JSON.stringify(missing)}: ${rows[0]!.error_message}`);
        this.expectedIncidents.add(rows[0]!.incident_key);
        return rows[0]!.error_message;
      }
      if (Date.now() > deadline)
        throw new StepFailed(`waited ${((e.timeoutMs ?? this.defaultTimeout) / 1000).toFixed(0)} s for an incident`);
      await sleep(250);
    }
  }

  private async retryIncidents(r: Extract<Step, { retryIncidents: unknown }>['retryIncidents']): Promise<string> {
    const c = this.caseVar(r.case);
    const user = await this.actor({ role: 'supervisor' }, [`supervisor.${c.departmentCode}`]);
    const session = await this.sessionOf(user.username);
    const { rows } = await this.pool.query<{ incident_key: string }>(
      `SELECT incident_key FROM incident WHERE state = 'ACTIVE' AND root_process_instance_key = $1`,
      [c.processInstanceKey],
    );
    if (!rows.length) throw new StepFailed('the case has no active incident to retry');
    for (const { incident_key: key } of rows) {
      const res = await session.fetch(`/api/monitor/incidents/${key}/resolve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: r.reason }),
      });
      if (!res.ok) throw new StepFailed(`the API refused to retry incident ${key}: ${res.status} ${await res.text()}`);
    }
    return `${rows.length} incident(s) retried by ${user.username}`;
  }

  private async expectState(e: Extract<Step, { expectState: unknown }>['expectState']): Promise<string> {
    const c = this.caseVar(e.case);
    const state = await this.until(
      `case state ${JSON.stringify({ ...e, case: undefined, timeoutMs: undefined })}`,
      e.timeoutMs,
      async () => {
        const { rows } = await this.pool.query<{
          status: string;
          outcome: string | null;
          instance: string | null;
          hours: number;
          cases: string;
        }>(
          `SELECT c.status, c.outcome, p.state AS instance, COALESCE((SELECT sum(hours) FROM hours_entry h WHERE h.case_id = c.id), 0) AS hours,
                (SELECT count(*) FROM "case" c2 WHERE c2.client_id = c.client_id) AS cases
         FROM "case" c LEFT JOIN process_instance p ON p.process_instance_key = c.process_instance_key WHERE c.id = $1`,
          [c.id],
        );
        const r = rows[0]!;
        const ok =
          (!e.caseStatus || r.status === e.caseStatus) &&
          (!e.outcome || r.outcome === e.outcome) &&
          (!e.instance || r.instance === e.instance) &&
          (e.hoursWorked === undefined || Number(r.hours) === e.hoursWorked) &&
          (e.casesForPerson === undefined || Number(r.cases) === e.casesForPerson);
        return ok ? r : undefined;
      },
    );
    return `case ${state.status}${state.outcome ? ` ${state.outcome}` : ''}, instance ${state.instance}, ${state.hours} h in the ledger`;
  }

  private async expectSchedule(e: Extract<Step, { expectSchedule: unknown }>['expectSchedule']): Promise<string> {
    const c = this.caseVar(e.case);
    // The schedule is written by a worker: wait for one (of at least minVersion) to be there.
    const current = await this.until(
      `a current schedule${e.minVersion ? ` of version ≥ ${e.minVersion}` : ''}`,
      e.timeoutMs,
      async () => {
        const { rows } = await this.pool.query<{ id: number; version: number; input: ScheduleInput }>(
          `SELECT id, version, input FROM work_schedule WHERE case_id = $1 AND status = 'CURRENT' ORDER BY version DESC LIMIT 1`,
          [c.id],
        );
        return rows[0] && rows[0].version >= (e.minVersion ?? 1) ? rows[0] : undefined;
      },
    );
    const { rows } = await this.pool.query<{ date: string; hours: number; start: string; end: string | null }>(
      `SELECT to_char(s.date, 'YYYY-MM-DD') AS date, s.hours, s.start_time AS start, s.end_time AS end FROM schedule_session s WHERE s.schedule_id = $1 ORDER BY s.date`,
      [current.id],
    );
    if (!rows.length) throw new StepFailed('the case has no current schedule');
    const problems: string[] = [];
    const total = rows.reduce((s, r) => s + Number(r.hours), 0);
    if (e.totalHours !== undefined && total !== e.totalHours)
      problems.push(`total ${total} h, expected ${e.totalHours}`);
    const years = [...new Set(rows.map((r) => Number(r.date.slice(0, 4))))];
    const holidays = new Set(years.flatMap((y) => publicHolidayList(y).map((h) => h.date)));
    const schoolHolidays = current.input.calendar?.schoolHolidays ?? DEFAULT_SCHOOL_HOLIDAYS;
    const lessons = current.input.client?.schoolHoursWeekly ?? {};
    const weeks = new Map<string, number>();
    const termWeeks = new Set<string>();
    const inTerm = (date: string) => !schoolHolidays.some((h) => h.from <= date && date <= h.to);
    for (const r of rows) {
      const dow = new Date(`${r.date}T12:00:00Z`).getUTCDay();
      if (e.maxHoursPerDay !== undefined && Number(r.hours) > e.maxHoursPerDay)
        problems.push(`${r.date}: ${r.hours} h > ${e.maxHoursPerDay}`);
      if (e.noWeekends && (dow === 0 || dow === 6)) problems.push(`${r.date}: a weekend day`);
      if (e.noPublicHolidays && holidays.has(r.date)) problems.push(`${r.date}: a public holiday`);
      const monday = new Date(Date.parse(`${r.date}T12:00:00Z`) - ((dow + 6) % 7) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      weeks.set(monday, (weeks.get(monday) ?? 0) + Number(r.hours));
      if (inTerm(r.date)) {
        termWeeks.add(monday);
        if (e.termMaxHoursPerDay !== undefined && Number(r.hours) > e.termMaxHoursPerDay)
          problems.push(`${r.date} (school term): ${r.hours} h > ${e.termMaxHoursPerDay}`);
      }
      if (e.noSessionDuringLessons && inTerm(r.date)) {
        const day = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[dow]!;
        for (const l of lessons[day] ?? [])
          if (r.start < l.to && l.from < (r.end ?? r.start))
            problems.push(`${r.date}: ${r.start}–${r.end} during lessons ${l.from}–${l.to}`);
      }
    }
    if (e.noSessionDuringLessons && Object.keys(lessons).length === 0)
      problems.push('the schedule was planned without lesson times');
    for (const [monday, hours] of weeks) {
      if (e.maxHoursPerWeek !== undefined && hours > e.maxHoursPerWeek)
        problems.push(`week of ${monday}: ${hours} h > ${e.maxHoursPerWeek}`);
      if (e.termMaxHoursPerWeek !== undefined && termWeeks.has(monday) && hours > e.termMaxHoursPerWeek)
        problems.push(`week of ${monday} (school term): ${hours} h > ${e.termMaxHoursPerWeek}`);
    }
    if ((e.termMaxHoursPerDay !== undefined || e.termMaxHoursPerWeek !== undefined) && termWeeks.size === 0)
      problems.push('no session falls in the school term');
    const longest = Math.max(...rows.map((r) => Number(r.hours)));
    if (e.longestSessionAtLeast !== undefined && longest < e.longestSessionAtLeast)
      problems.push(`the longest session is ${longest} h, expected at least ${e.longestSessionAtLeast}`);
    if (problems.length)
      throw new StepFailed(
        `schedule breaks the rules: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5})` : ''}`,
      );
    return `v${current.version}: ${rows.length} sessions, ${total} h, ${rows[0]!.date} … ${rows.at(-1)!.date} (${rows[0]!.start}–${rows[0]!.end}), longest ${longest} h, every day within the limits`;
  }

  private async assertNoIncidents(): Promise<void> {
    for (const [name, v] of Object.entries(this.vars)) {
      const key = (v as { processInstanceKey?: string } | null)?.processInstanceKey;
      if (!key) continue;
      const { rows } = await this.pool.query<{ element_id: string; error_message: string }>(
        `SELECT element_id, error_message FROM incident WHERE state = 'ACTIVE' AND root_process_instance_key = $1 AND NOT (incident_key = ANY($2::text[]))`,
        [key, [...this.expectedIncidents]],
      );
      if (rows.length)
        throw new StepFailed(`incident in ${name}'s process at ${rows[0]!.element_id}: ${rows[0]!.error_message}`);
    }
  }

  /**
   * A variable of the case: the case instance's own first, else the newest of the processes it called (a look-up
   * result lives in the called process until it is mapped back).
   */
  private async caseVariable(root: string, name: string): Promise<unknown> {
    const own = await this.engine.instanceVariables(root);
    if (name in own) return own[name];
    const { rows } = await this.pool.query<{ key: string }>(
      `SELECT process_instance_key AS key FROM process_instance WHERE root_process_instance_key = $1 AND process_instance_key <> $1 ORDER BY started_at DESC`,
      [root],
    );
    for (const r of rows) {
      const vars = await this.engine.instanceVariables(r.key);
      if (name in vars) return vars[name];
    }
    return undefined;
  }

  private caseVar(name: string): { id: number; processInstanceKey: string; departmentCode: string } {
    const v = this.vars[name] as { id: number; processInstanceKey: string; departmentCode: string } | undefined;
    if (!v?.id) throw new StepFailed(`"${name}" is not a case yet: add a waitForCase step with as: ${name} first`);
    return v;
  }

  private async admin(system: string, method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.sim}/${system}/_admin${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new StepFailed(`${system} simulator answered ${res.status} to ${method} ${path}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  /** Polls `probe` until it returns a value (incidents end the wait at once). */
  private async until<T>(what: string, timeoutMs: number | undefined, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + (timeoutMs ?? this.defaultTimeout);
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      await this.assertNoIncidents();
      if (Date.now() > deadline)
        throw new StepFailed(`waited ${((timeoutMs ?? this.defaultTimeout) / 1000).toFixed(0)} s for ${what}`);
      await sleep(250);
    }
  }
}

function durationMs(iso: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso)!;
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60_000;
}
