import {
  WorkflowError,
  type ActivityRecord,
  type ActivityStatistic,
  type CorrelateMessage,
  type DeployResource,
  type Deployment,
  type EngineClock,
  type EngineStatus,
  type MigrationPlan,
  type MigrationResult,
  type TaskChange,
  type TaskForm,
  type Variables,
  type WorkflowEngine,
} from '../port';
import { OperatonRest, engineDate } from './rest';
import { fromTypedVariables, toTypedVariables, type TypedValue } from './variables';

/** The workflow port's commands and queries on Operaton's REST API. */
export class OperatonEngine implements WorkflowEngine {
  readonly clock?: EngineClock;

  constructor(
    private readonly rest: OperatonRest,
    opts: { clockControlled?: boolean } = {},
  ) {
    if (opts.clockControlled) this.clock = new OperatonClock(rest);
  }

  async status(): Promise<EngineStatus> {
    const nodes = await Promise.all(
      this.rest.nodes.map(async (url) => {
        try {
          const v = await this.rest.call<{ version: string }>({
            method: 'GET',
            path: '/version',
            node: url,
            timeoutMs: 2_000,
          });
          return { url, up: true, version: v.version };
        } catch (err) {
          return { url, up: false, error: err instanceof WorkflowError ? err.detail : String(err) };
        }
      }),
    );
    const version = nodes.find((n) => n.version)?.version;
    return {
      up: nodes.some((n) => n.up),
      engine: 'Operaton',
      ...(version ? { version } : {}),
      nodes: nodes.map(({ url, up, error }) => ({ url, up, ...(error ? { error } : {}) })),
    };
  }

  async deploy(name: string, resources: DeployResource[]): Promise<Deployment> {
    const form = new FormData();
    form.append('deployment-name', name);
    // Nothing changed since the last deployment of this name: no new deployment. Anything changed: all of its
    // resources are deployed again together, because a task finds its form in its process's own deployment
    // (`camunda:formRefBinding="deployment"`). So deploy one process module (its diagrams and forms) per name.
    form.append('enable-duplicate-filtering', 'true');
    form.append('deployment-source', 'plusflow');
    for (const r of resources) {
      form.append(
        r.name,
        new Blob([r.content], { type: r.name.endsWith('.form') ? 'application/json' : 'application/xml' }),
        r.name,
      );
    }
    const newest = async () =>
      (
        await this.rest.call<{ id: string }[]>({
          method: 'GET',
          path: `/deployment?name=${enc(name)}&sortBy=deploymentTime&sortOrder=desc&maxResults=1`,
        })
      )[0]?.id;
    const before = await newest();
    const res = await this.rest.call<OperatonDeployment>({
      method: 'POST',
      path: '/deployment/create',
      body: form,
      timeoutMs: 60_000,
    });
    // Nothing changed: the engine answers with the newest earlier deployment of that name.
    if (res.id === before) return { deploymentId: res.id, processes: [], forms: [] };
    // The answer lists new process versions but not forms: the forms deployed anew are the deployment's .form files.
    const inDeployment = await this.rest.call<{ name: string }[]>({
      method: 'GET',
      path: `/deployment/${seg(res.id)}/resources`,
    });
    const names = new Set(inDeployment.map((r) => r.name));
    return {
      deploymentId: res.id,
      processes: Object.values(res.deployedProcessDefinitions ?? {}).map((p) => ({
        processId: p.key,
        version: p.version,
        definitionId: p.id,
        resourceName: p.resource,
      })),
      forms: resources
        .filter((r) => r.name.endsWith('.form') && names.has(r.name))
        .map((r) => ({ formId: formIdOf(r.content), resourceName: r.name })),
    };
  }

  async startProcess(
    processId: string,
    opts: { businessKey: string; variables?: Variables },
  ): Promise<{ instanceId: string }> {
    const res = await this.rest.call<{ id: string }>({
      method: 'POST',
      path: `/process-definition/key/${seg(processId)}/start`,
      body: { businessKey: opts.businessKey, variables: toTypedVariables(opts.variables) },
    });
    return { instanceId: res.id };
  }

  async findInstances(q: {
    businessKey: string;
    processIds?: readonly string[];
    activeOnly?: boolean;
  }): Promise<string[]> {
    const params = new URLSearchParams({
      processInstanceBusinessKey: q.businessKey,
      rootProcessInstances: 'true',
      sortBy: 'startTime',
      sortOrder: 'asc',
    });
    if (q.processIds?.length) params.set('processDefinitionKeyIn', q.processIds.join(','));
    if (q.activeOnly) params.set('unfinished', 'true');
    const rows = await this.rest.call<{ id: string }[]>({ method: 'GET', path: `/history/process-instance?${params}` });
    return rows.map((r) => r.id);
  }

  async correlateMessage(m: CorrelateMessage): Promise<{ correlated: boolean }> {
    if (!m.businessKey && !m.instanceId) throw new TypeError('a message needs a business key or an instance id');
    const res = await this.rest.call<unknown[]>({
      method: 'POST',
      path: '/message',
      body: {
        messageName: m.name,
        ...(m.businessKey ? { businessKey: m.businessKey } : {}),
        ...(m.instanceId ? { processInstanceId: m.instanceId } : {}),
        processVariables: toTypedVariables(m.variables),
        // `all` answers an empty list instead of 400 when nothing waits for the message.
        all: true,
        resultEnabled: true,
      },
    });
    return { correlated: Array.isArray(res) && res.length > 0 };
  }

  async cancelInstance(instanceId: string, _reason: string): Promise<void> {
    // The REST API takes no reason for a synchronous delete; callers record it in the audit log.
    await this.rest.call({ method: 'DELETE', path: `/process-instance/${seg(instanceId)}?failIfNotExists=true` });
  }

  async instanceVariables(instanceId: string): Promise<Variables> {
    try {
      const vars = await this.rest.call<Record<string, TypedValue>>({
        method: 'GET',
        path: `/process-instance/${seg(instanceId)}/variables?deserializeValues=false`,
      });
      return fromTypedVariables(vars);
    } catch (err) {
      if (!(err instanceof WorkflowError) || err.kind !== 'not-found') throw err;
    }
    // Ended: its top-level variables from the history (the instance's own scope has the instance's id).
    const rows = await this.rest.call<(TypedValue & { name: string; activityInstanceId: string })[]>({
      method: 'GET',
      path: `/history/variable-instance?processInstanceId=${enc(instanceId)}&deserializeValues=false&maxResults=1000`,
    });
    const own = rows.filter((r) => r.activityInstanceId === instanceId);
    if (rows.length === 0) {
      const exists = await this.rest.call<{ count: number }>({
        method: 'GET',
        path: `/history/process-instance/count?processInstanceId=${enc(instanceId)}`,
      });
      if (exists.count === 0)
        throw new WorkflowError(
          'not-found',
          `no process instance ${instanceId}`,
          'GET /process-instance/{id}/variables',
        );
    }
    return fromTypedVariables(Object.fromEntries(own.map((r) => [r.name, r])));
  }

  async setInstanceVariables(instanceId: string, variables: Variables): Promise<void> {
    await this.rest.call({
      method: 'POST',
      path: `/process-instance/${seg(instanceId)}/variables`,
      body: { modifications: toTypedVariables(variables) },
    });
  }

  async claimTask(taskId: string, userId: string): Promise<void> {
    await this.rest.call({ method: 'POST', path: `/task/${seg(taskId)}/claim`, body: { userId } });
  }

  async unclaimTask(taskId: string): Promise<void> {
    await this.rest.call({ method: 'POST', path: `/task/${seg(taskId)}/unclaim` });
  }

  async completeTask(taskId: string, variables: Variables = {}): Promise<void> {
    await this.rest.call({
      method: 'POST',
      path: `/task/${seg(taskId)}/complete`,
      body: { variables: toTypedVariables(variables) },
    });
  }

  async updateTask(taskId: string, change: TaskChange): Promise<void> {
    const id = seg(taskId);
    if (change.candidateGroups) {
      const links = await this.rest.call<{ groupId: string | null; type: string }[]>({
        method: 'GET',
        path: `/task/${id}/identity-links?type=candidate`,
      });
      const have = new Set(links.map((l) => l.groupId).filter((g): g is string => !!g));
      const want = new Set(change.candidateGroups);
      for (const g of want)
        if (!have.has(g))
          await this.rest.call({
            method: 'POST',
            path: `/task/${id}/identity-links`,
            body: { groupId: g, type: 'candidate' },
          });
      for (const g of have)
        if (!want.has(g))
          await this.rest.call({
            method: 'POST',
            path: `/task/${id}/identity-links/delete`,
            body: { groupId: g, type: 'candidate' },
          });
    }
    if (change.dueDate !== undefined || change.followUpDate !== undefined || change.priority !== undefined) {
      // PUT replaces every field: start from the task as it is.
      const task = await this.rest.call<Record<string, unknown>>({ method: 'GET', path: `/task/${id}` });
      const body = {
        name: task.name,
        description: task.description,
        assignee: task.assignee,
        owner: task.owner,
        delegationState: task.delegationState,
        due: task.due,
        followUp: task.followUp,
        priority: task.priority,
        parentTaskId: task.parentTaskId,
        caseInstanceId: task.caseInstanceId,
        tenantId: task.tenantId,
        ...(change.dueDate !== undefined ? { due: change.dueDate ? engineDate(change.dueDate) : null } : {}),
        ...(change.followUpDate !== undefined
          ? { followUp: change.followUpDate ? engineDate(change.followUpDate) : null }
          : {}),
        ...(change.priority !== undefined ? { priority: change.priority } : {}),
      };
      await this.rest.call({ method: 'PUT', path: `/task/${id}`, body });
    }
  }

  async taskForm(taskId: string): Promise<TaskForm | null> {
    let schema: Record<string, unknown>;
    try {
      schema = await this.rest.call<Record<string, unknown>>({
        method: 'GET',
        path: `/task/${seg(taskId)}/deployed-form`,
      });
    } catch (err) {
      // A task without a linked form: the engine says so with 400 ("No deployed form").
      if (err instanceof WorkflowError && err.kind === 'rejected' && /form/i.test(err.detail)) return null;
      throw err;
    }
    return { formId: typeof schema.id === 'string' ? schema.id : '', schema };
  }

  async taskVariables(taskId: string): Promise<Variables> {
    // The engine resolves the scope chain itself: the task's local variables win over outer ones.
    return fromTypedVariables(
      await this.rest.call<Record<string, TypedValue>>({
        method: 'GET',
        path: `/task/${seg(taskId)}/variables?deserializeValues=false`,
      }),
    );
  }

  async retryIncident(incidentId: string): Promise<void> {
    const inc = await this.rest.call<{ incidentType: string; configuration: string | null }>({
      method: 'GET',
      path: `/incident/${seg(incidentId)}`,
    });
    if (!inc.configuration)
      throw new WorkflowError(
        'rejected',
        `incident ${incidentId} (${inc.incidentType}) names nothing to retry`,
        'retry incident',
      );
    if (inc.incidentType === 'failedExternalTask') {
      await this.rest.call({
        method: 'PUT',
        path: `/external-task/${seg(inc.configuration)}/retries`,
        body: { retries: 1 },
      });
    } else if (inc.incidentType === 'failedJob') {
      await this.rest.call({ method: 'PUT', path: `/job/${seg(inc.configuration)}/retries`, body: { retries: 1 } });
    } else {
      throw new WorkflowError('rejected', `incidents of type ${inc.incidentType} cannot be retried`, 'retry incident');
    }
  }

  async activityStatistics(definitionId: string): Promise<ActivityStatistic[]> {
    const rows = await this.rest.call<{ id: string; instances: number; finished: number; openIncidents: number }[]>({
      method: 'GET',
      path: `/history/process-definition/${seg(definitionId)}/statistics?finished=true&incidents=true`,
    });
    return rows.map((r) => ({
      elementId: r.id,
      active: r.instances,
      incidents: r.openIncidents ?? 0,
      completed: r.finished ?? 0,
    }));
  }

  async openActivities(
    definitionId: string,
  ): Promise<{ instanceId: string; elementId: string; elementType: string }[]> {
    const rows = await this.rest.call<HistoricActivity[]>({
      method: 'GET',
      path: `/history/activity-instance?processDefinitionId=${enc(definitionId)}&unfinished=true&maxResults=50000`,
      timeoutMs: 30_000,
    });
    return rows.map((r) => ({ instanceId: r.processInstanceId, elementId: r.activityId, elementType: r.activityType }));
  }

  async instanceHistory(instanceId: string): Promise<ActivityRecord[]> {
    // The instance and every process it called (and they called), then each one's activity instances.
    const ids = [instanceId];
    for (let i = 0; i < ids.length && ids.length < 200; i++) {
      const children = await this.rest.call<{ id: string }[]>({
        method: 'GET',
        path: `/history/process-instance?superProcessInstanceId=${enc(ids[i]!)}&maxResults=200`,
      });
      ids.push(...children.map((c) => c.id));
    }
    const out: ActivityRecord[] = [];
    for (const id of ids) {
      const rows = await this.rest.call<HistoricActivity[]>({
        method: 'GET',
        path: `/history/activity-instance?processInstanceId=${enc(id)}&sortBy=startTime&sortOrder=asc&maxResults=5000`,
      });
      for (const r of rows) {
        out.push({
          elementId: r.activityId,
          elementType: r.activityType,
          processId: r.processDefinitionKey,
          instanceId: r.processInstanceId,
          startedAt: isoOf(r.startTime)!,
          endedAt: isoOf(r.endTime),
          canceled: r.canceled,
        });
      }
    }
    return out.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  async planMigration(sourceDefinitionId: string, targetDefinitionId: string): Promise<MigrationPlan> {
    const generated = await this.rest.call<{
      instructions: { sourceActivityIds: string[]; targetActivityIds: string[]; updateEventTrigger?: boolean }[];
    }>({
      method: 'POST',
      path: '/migration/generate',
      body: {
        sourceProcessDefinitionId: sourceDefinitionId,
        targetProcessDefinitionId: targetDefinitionId,
        updateEventTriggers: true,
      },
    });
    const instructions = generated.instructions.map((i) => ({
      sourceElementId: i.sourceActivityIds[0]!,
      targetElementId: i.targetActivityIds[0]!,
      ...(i.updateEventTrigger ? { updateEventTrigger: true } : {}),
    }));
    const mapped = new Set(instructions.map((i) => i.sourceElementId));
    const active = await this.rest.call<{ id: string; instances: number }[]>({
      method: 'GET',
      path: `/process-definition/${seg(sourceDefinitionId)}/statistics`,
    });
    const problems = active
      .filter((a) => a.instances > 0 && !mapped.has(a.id))
      .map((a) => ({
        elementId: a.id,
        reason: `${a.instances} instance(s) wait at "${a.id}", which has no element of the same id and type in the new version`,
      }));
    const validation = await this.rest.call<{
      instructionReports: { instruction: { sourceActivityIds: string[] }; failures: string[] }[];
    }>({
      method: 'POST',
      path: '/migration/validate',
      body: {
        sourceProcessDefinitionId: sourceDefinitionId,
        targetProcessDefinitionId: targetDefinitionId,
        instructions: generated.instructions,
      },
    });
    for (const r of validation.instructionReports ?? [])
      for (const f of r.failures) problems.push({ elementId: r.instruction.sourceActivityIds[0]!, reason: f });
    return { sourceDefinitionId, targetDefinitionId, instructions, problems };
  }

  async migrate(plan: MigrationPlan, instanceIds: readonly string[]): Promise<MigrationResult> {
    const migrationPlan = {
      sourceProcessDefinitionId: plan.sourceDefinitionId,
      targetProcessDefinitionId: plan.targetDefinitionId,
      instructions: plan.instructions.map((i) => ({
        sourceActivityIds: [i.sourceElementId],
        targetActivityIds: [i.targetElementId],
        updateEventTrigger: i.updateEventTrigger === true,
      })),
    };
    const result: MigrationResult = { migrated: [], refused: [] };
    // One call per instance: the engine migrates a list all or nothing, and each instance deserves its own answer.
    for (const id of instanceIds) {
      try {
        await this.rest.call({
          method: 'POST',
          path: '/migration/execute',
          body: { migrationPlan, processInstanceIds: [id], skipCustomListeners: false, skipIoMappings: false },
          timeoutMs: 60_000,
        });
        result.migrated.push(id);
      } catch (err) {
        if (!(err instanceof WorkflowError) || err.kind === 'unavailable' || err.kind === 'timeout') throw err;
        result.refused.push({ instanceId: id, reason: err.detail });
      }
    }
    return result;
  }
}

/** Development only: the engine app's /plusflow/clock, moved on every node. */
class OperatonClock implements EngineClock {
  constructor(private readonly rest: OperatonRest) {}

  async now(): Promise<Date> {
    const r = await this.rest.call<{ now: string }>({ method: 'GET', path: '/plusflow/clock' });
    return new Date(r.now);
  }

  async advance(ms: number): Promise<Date> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    let now = new Date();
    for (const node of this.rest.nodes) {
      const r = await this.rest.call<{ now: string }>({
        method: 'POST',
        path: '/plusflow/clock',
        body: { addMs: Math.round(ms) },
        node,
      });
      now = new Date(r.now);
    }
    return now;
  }

  async reset(): Promise<void> {
    for (const node of this.rest.nodes)
      await this.rest.call({ method: 'POST', path: '/plusflow/clock', body: { reset: true }, node });
  }
}

interface OperatonDeployment {
  id: string;
  deployedProcessDefinitions?: Record<string, { id: string; key: string; version: number; resource: string }> | null;
}

interface HistoricActivity {
  activityId: string;
  activityType: string;
  processDefinitionKey: string;
  processInstanceId: string;
  startTime: string;
  endTime: string | null;
  canceled: boolean;
}

/** An id in a URL path: ids are opaque, but never allowed to change the path. */
function seg(id: string): string {
  if (typeof id !== 'string' || !/^[A-Za-z0-9:._-]{1,255}$/.test(id))
    throw new WorkflowError('not-found', `not a valid id: ${JSON.stringify(id)}`, 'engine call');
  return id;
}

function formIdOf(content: string): string {
  try {
    const id = (JSON.parse(content) as { id?: unknown }).id;
    return typeof id === 'string' ? id : '';
  } catch {
    return '';
  }
}

const enc = (s: string) => encodeURIComponent(s);

/** `2026-12-07T20:46:53.000+0000` → ISO instant. */
function isoOf(d: string | null | undefined): string | null {
  return d ? new Date(d.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString() : null;
}
