/**
 * A thin typed client of the engine's REST API: the Camunda 8.6 gateway under `<restAddress>/v2` (the same
 * paths exist on 8.7+), used by the API and by job handlers that change user tasks or publish messages; job streaming is gRPC through @camunda8/sdk.
 *
 * Engine keys (process instances, user tasks, ...) are 64-bit integers. A JavaScript number holds 53 bits,
 * so keys stay strings end to end: in our signatures, in URLs, and when reading the engine's JSON (large
 * integers in an answer are turned into strings before JSON.parse can round them).
 */

/**
 * An engine call that failed. `status` is the engine's HTTP status, or 503 when the engine did not answer
 * at all and 504 when it did not answer in time. `title`/`detail` come from the engine's problem document.
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    /** e.g. `POST /v2/user-tasks/2251799813685263/completion`, for the log. */
    readonly operation = '',
    /** The network error when the engine did not answer. */
    cause?: unknown,
  ) {
    super(`${operation ? `${operation}: ` : ''}engine answered ${status} ${title}: ${detail}`, cause === undefined ? undefined : { cause });
  }
}

export interface TopologyPartition {
  partitionId: number;
  role: 'leader' | 'follower' | 'inactive' | string;
  health: 'healthy' | 'unhealthy' | 'dead' | string;
}
export interface TopologyBroker {
  nodeId: number;
  host: string;
  port: number;
  partitions: TopologyPartition[];
  version: string;
}
/** GET /v2/topology. */
export interface Topology {
  brokers: TopologyBroker[];
  clusterSize: number;
  partitionsCount: number;
  replicationFactor: number;
  gatewayVersion: string;
}

export type Variables = Record<string, unknown>;

export interface EngineRestClient {
  /** The cluster as the gateway sees it: brokers, partitions and their health. */
  topology(): Promise<Topology>;
  /** POST /v2/user-tasks/{key}/completion. 404: no such (open) task; 409: the task is in another transition. */
  completeUserTask(userTaskKey: string, variables?: Variables): Promise<void>;
  /** POST /v2/user-tasks/{key}/assignment. Without allowOverride the engine refuses (409) a task assigned to someone else. */
  assignUserTask(userTaskKey: string, assignee: string, allowOverride?: boolean): Promise<void>;
  /** DELETE /v2/user-tasks/{key}/assignee. */
  unassignUserTask(userTaskKey: string): Promise<void>;
  /** PATCH /v2/user-tasks/{key}: change candidate groups/users, due date, follow-up date (escalation). */
  updateUserTask(userTaskKey: string, changeset: UserTaskChangeset): Promise<void>;
  /** POST /v2/process-instances: starts the latest version of a process. Returns the new instance's key. */
  createProcessInstance(processDefinitionId: string, variables?: Variables): Promise<{ processInstanceKey: string }>;
  /**
   * POST /v2/messages/publication. With `messageId` the engine rejects (409) a second message with the same id
   * while the first is still buffered (its TTL): a redelivered e-service submission is not taken twice.
   */
  publishMessage(message: PublishMessage): Promise<{ messageKey: string }>;
  /** PATCH /v2/jobs/{key}: give a failed job retries again (before resolving its incident). */
  updateJobRetries(jobKey: string, retries: number): Promise<void>;
  /** POST /v2/incidents/{key}/resolution: the engine tries the element again. */
  resolveIncident(incidentKey: string): Promise<void>;
  /** POST /v2/process-instances/{key}/cancellation: ends the instance and every child. */
  cancelProcessInstance(processInstanceKey: string): Promise<void>;
  /**
   * POST /v2/deployments (multipart, atomic): BPMN and form files. The engine versions what changed; a rejected
   * file (invalid BPMN, unknown form) fails the whole deployment with 400 and the engine's reason.
   */
  deployResources(files: { name: string; content: string }[]): Promise<RestDeployment>;
  /** POST /v2/process-instances/{key}/migration: moves a running instance to another version of its process. */
  migrateProcessInstance(processInstanceKey: string, targetProcessDefinitionKey: string, mappings: { sourceElementId: string; targetElementId: string }[]): Promise<void>;
}

export interface RestDeployment {
  deploymentKey: string;
  processes: { bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string }[];
  forms: { formId: string; version: number; formKey: string; resourceName: string }[];
}

export interface UserTaskChangeset {
  candidateGroups?: string[];
  candidateUsers?: string[];
  dueDate?: string;
  followUpDate?: string;
}

export interface PublishMessage {
  name: string;
  correlationKey: string;
  /** Milliseconds the engine keeps the message for a catch event that is not open yet. */
  timeToLive?: number;
  messageId?: string;
  variables?: Variables;
}

export interface EngineRestOptions {
  /** Per call, including reading the answer. */
  timeoutMs?: number;
  /** For tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

const KEY = /^\d{1,19}$/;

export function createEngineRestClient(engine: { restAddress: string }, opts: EngineRestOptions = {}): EngineRestClient {
  const base = `${engine.restAddress.replace(/\/+$/, '')}/v2`;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const doFetch = opts.fetch ?? fetch;

  async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    const operation = `${method} /v2${path}`;
    let res: Response;
    let text: string;
    try {
      const multipart = body instanceof FormData;
      res = await doFetch(`${base}${path}`, {
        method,
        // FormData sets its own multipart content type with the boundary.
        headers: { accept: 'application/json', ...(body === undefined || multipart ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: multipart ? body : JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      const name = (err as { name?: unknown } | null)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new EngineError(504, 'Engine timeout', `The workflow engine at ${base} did not answer within ${timeoutMs} ms.`, operation, err);
      }
      throw new EngineError(503, 'Engine unavailable', `The workflow engine at ${base} did not answer (${describeFetchError(err)}).`, operation, err);
    }
    if (!res.ok) {
      const problem = parseProblem(text);
      throw new EngineError(res.status, problem.title ?? (res.statusText || `HTTP ${res.status}`), problem.detail ?? (text.trim() || 'no detail given'), operation);
    }
    return text.trim() ? parseJsonKeepingBigInts(text) : undefined;
  }

  const key = (k: string): string => {
    // A malformed key would otherwise reach the engine as another path; this is a programming error.
    if (typeof k !== 'string' || !KEY.test(k)) throw new TypeError(`engine key must be a string of digits, got ${JSON.stringify(k)}`);
    return k;
  };

  return {
    topology: async () => (await call('GET', '/topology')) as Topology,
    completeUserTask: async (k, variables = {}) => {
      await call('POST', `/user-tasks/${key(k)}/completion`, { variables });
    },
    assignUserTask: async (k, assignee, allowOverride = false) => {
      await call('POST', `/user-tasks/${key(k)}/assignment`, { assignee, allowOverride });
    },
    unassignUserTask: async (k) => {
      await call('DELETE', `/user-tasks/${key(k)}/assignee`);
    },
    updateUserTask: async (k, changeset) => {
      await call('PATCH', `/user-tasks/${key(k)}`, { changeset });
    },
    createProcessInstance: async (processDefinitionId, variables = {}) => {
      const res = (await call('POST', '/process-instances', { processDefinitionId, variables })) as { processInstanceKey: string | number };
      return { processInstanceKey: String(res.processInstanceKey) };
    },
    publishMessage: async (m) => {
      const res = (await call('POST', '/messages/publication', { ...m, variables: m.variables ?? {} })) as { messageKey?: string | number } | undefined;
      return { messageKey: String(res?.messageKey ?? '') };
    },
    updateJobRetries: async (k, retries) => {
      await call('PATCH', `/jobs/${key(k)}`, { changeset: { retries } });
    },
    resolveIncident: async (k) => {
      await call('POST', `/incidents/${key(k)}/resolution`, {});
    },
    cancelProcessInstance: async (k) => {
      await call('POST', `/process-instances/${key(k)}/cancellation`, {});
    },
    migrateProcessInstance: async (k, target, mappings) => {
      await call('POST', `/process-instances/${key(k)}/migration`, { targetProcessDefinitionKey: key(target), mappingInstructions: mappings });
    },
    deployResources: async (files) => {
      const form = new FormData();
      for (const f of files) form.append('resources', new Blob([f.content], { type: f.name.endsWith('.bpmn') ? 'application/xml' : 'application/json' }), f.name);
      const res = (await call('POST', '/deployments', form)) as { deploymentKey?: string | number; key?: string | number; deployments?: Record<string, Record<string, unknown> | undefined>[] };
      const out: RestDeployment = { deploymentKey: String(res.deploymentKey ?? res.key ?? ''), processes: [], forms: [] };
      for (const d of res.deployments ?? []) {
        const p = d.processDefinition;
        if (p) out.processes.push({ bpmnProcessId: String(p.processDefinitionId), version: Number(p.processDefinitionVersion), processDefinitionKey: String(p.processDefinitionKey), resourceName: String(p.resourceName) });
        const f = d.form;
        if (f) out.forms.push({ formId: String(f.formId), version: Number(f.version), formKey: String(f.formKey), resourceName: String(f.resourceName) });
      }
      return out;
    },
  };
}

function parseProblem(text: string): { title?: string; detail?: string } {
  try {
    const p = JSON.parse(text) as unknown;
    if (p && typeof p === 'object') {
      const { title, detail } = p as Record<string, unknown>;
      return { ...(typeof title === 'string' ? { title } : {}), ...(typeof detail === 'string' ? { detail } : {}) };
    }
  } catch {
    // not JSON: the caller keeps the text
  }
  return {};
}

/**
 * fetch() reports a refused connection as TypeError('fetch failed') with the reason in `cause`. Duck-typed:
 * errors from Node's fetch may come from another realm (jest), where `instanceof Error` is false.
 */
export function describeFetchError(err: unknown): string {
  const e = (err ?? {}) as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host not found (${code})`;
  if (typeof e.cause?.message === 'string' && e.cause.message) return e.cause.message;
  return typeof e.message === 'string' && e.message ? e.message : String(err);
}

/**
 * JSON.parse, except that integers beyond Number.MAX_SAFE_INTEGER become strings (with their digits intact)
 * instead of silently rounded numbers. Engine keys such as 2251799813685263123 survive this way.
 */
export function parseJsonKeepingBigInts(text: string): unknown {
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // skip a string literal, honouring escapes
      i++;
      while (i < n && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c /* \ */ ? 2 : 1;
      i++;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      i++;
      while (i < n && /[0-9.eE+-]/.test(text[i]!)) i++;
      const token = text.slice(start, i);
      if (/^-?\d{16,}$/.test(token) && !Number.isSafeInteger(Number(token))) {
        out += `${text.slice(last, start)}"${token}"`;
        last = i;
      }
    } else i++;
  }
  return JSON.parse(last === 0 ? text : out + text.slice(last));
}
