import type { Logger } from 'pino';

/**
 * The workflow port: everything PLUS Flow asks of its BPMN engine, in the engine's absence of a vocabulary.
 * Domain code, workers, the API, scenarios and benchmarks use only these types; the one adapter behind them
 * (workflow/operaton/) is the only code that knows engine REST paths, engine tables and engine ids
 * (eslint.config.mjs enforces it). See docs/decisions/0004-operaton-engine.md.
 *
 * Ids (instances, tasks, incidents, definitions, deployments) are opaque strings: never parse them.
 *
 * Reading state: the officer inbox, the client file and the monitor list tasks, instances and incidents with SQL
 * on three read models in our own schema (user_task, process_instance, incident; prisma/schema.prisma), which
 * the engine keeps **in its own transactions** (engine/app ReadModelSync): a task is there the moment it exists,
 * with no exporter or projector in between, and those queries can join domain tables. What the read models
 * do not hold (an instance's path, variables, a diagram's heat, forms) is read through this port.
 */

/** Process variables: JSON values (objects and arrays too). */
export type Variables = Record<string, unknown>;

export interface DeployResource {
  /** File name inside the deployment, `<module>/<process>.bpmn` or `<module>/<form>.form`. */
  name: string;
  content: string;
}

export interface DeployedProcess {
  processId: string;
  version: number;
  /** This version's id (for migration and statistics). */
  definitionId: string;
  resourceName: string;
}

/** A form deployed anew (changed). Forms have no version number of their own: a task gets the form of its process's deployment. */
export interface DeployedForm {
  formId: string;
  resourceName: string;
}

export interface Deployment {
  deploymentId: string;
  /** What the engine versioned anew (nothing when the module had not changed). */
  processes: DeployedProcess[];
  forms: DeployedForm[];
}

export interface EngineNodeStatus {
  url: string;
  up: boolean;
  /** Why not, in words. */
  error?: string;
}

export interface EngineStatus {
  /** At least one node answers. */
  up: boolean;
  /** e.g. `Operaton`. */
  engine: string;
  version?: string;
  nodes: EngineNodeStatus[];
}

export interface CorrelateMessage {
  name: string;
  /** The case's instances: every instance carries the case id as its business key. */
  businessKey?: string;
  /** Or one instance (and the processes it called). */
  instanceId?: string;
  variables?: Variables;
}

export interface TaskChange {
  candidateGroups?: string[];
  dueDate?: Date | null;
  followUpDate?: Date | null;
  priority?: number;
}

export interface TaskForm {
  /** The form's id (its `id` in the form-js schema). */
  formId: string;
  /** The form-js schema. */
  schema: Record<string, unknown>;
}

export interface ActivityStatistic {
  elementId: string;
  /** Running now (tokens waiting or working there). */
  active: number;
  /** Open incidents there. */
  incidents: number;
  /** Left the element since the definition was deployed (history). */
  completed: number;
}

export interface ActivityRecord {
  elementId: string;
  elementType: string;
  /** The process (definition key) the element belongs to; called processes have their own. */
  processId: string;
  instanceId: string;
  startedAt: string;
  endedAt: string | null;
  canceled: boolean;
}

export interface MigrationInstruction {
  sourceElementId: string;
  targetElementId: string;
  /** For a waiting event: its trigger (message, timer) becomes the new version's. */
  updateEventTrigger?: boolean;
}

export interface MigrationPlan {
  sourceDefinitionId: string;
  targetDefinitionId: string;
  instructions: MigrationInstruction[];
  /** Elements of the source with running instances that the plan cannot map, with the engine's reason. */
  problems: { elementId?: string; reason: string }[];
}

export interface MigrationResult {
  migrated: string[];
  /** Instances the engine refused, with why. */
  refused: { instanceId: string; reason: string }[];
}

/** Commands and the queries the read models cannot answer. Every method may throw WorkflowError. */
export interface WorkflowEngine {
  status(): Promise<EngineStatus>;

  /**
   * Deploys one process module (its BPMN diagrams and form-js forms) under `name`. Unchanged since the last
   * deployment of that name: nothing happens (empty lists). Changed: every resource of it gets a new version, so a
   * process version and the forms its tasks show always belong together.
   */
  deploy(name: string, resources: DeployResource[]): Promise<Deployment>;
  /** Starts the latest version of `processId`; `businessKey` is the case id (text) for case processes. */
  startProcess(
    processId: string,
    opts: { businessKey: string; variables?: Variables },
  ): Promise<{ instanceId: string }>;
  /** Top-level instances with this business key (e.g. to adopt one started before a crash). */
  findInstances(q: { businessKey: string; processIds?: readonly string[]; activeOnly?: boolean }): Promise<string[]>;
  /** Delivers a message to an instance waiting for it. `correlated: false` when none waits (now). */
  correlateMessage(m: CorrelateMessage): Promise<{ correlated: boolean }>;
  cancelInstance(instanceId: string, reason: string): Promise<void>;
  /** The instance's own variables (not those of tasks or called processes). */
  instanceVariables(instanceId: string): Promise<Variables>;
  setInstanceVariables(instanceId: string, variables: Variables): Promise<void>;

  /** Takes the task for `userId`; WorkflowError 'conflict' when someone else has it. */
  claimTask(taskId: string, userId: string): Promise<void>;
  unclaimTask(taskId: string): Promise<void>;
  /** Completes the task; WorkflowError 'gone' when it is no longer open (completed, cancelled). */
  completeTask(taskId: string, variables?: Variables): Promise<void>;
  updateTask(taskId: string, change: TaskChange): Promise<void>;
  /** The form the diagram links to the task, as deployed with its version of the process; null without one. */
  taskForm(taskId: string): Promise<TaskForm | null>;
  /** The variables the task sees: its own inputs first, then each enclosing scope up to the instance. */
  taskVariables(taskId: string): Promise<Variables>;

  /** Gives the failed step retries again, so it runs at once; the incident then resolves itself. */
  retryIncident(incidentId: string): Promise<void>;

  /** Per element of one process version: where instances are, and where incidents are. */
  activityStatistics(definitionId: string): Promise<ActivityStatistic[]>;
  /** Where the running instances of one process version are now (elements with a token), per instance. */
  openActivities(definitionId: string): Promise<{ instanceId: string; elementId: string; elementType: string }[]>;
  /** The path of an instance and of the processes it called, oldest first. */
  instanceHistory(instanceId: string): Promise<ActivityRecord[]>;

  /** Maps equal elements of two versions and says what cannot be mapped. */
  planMigration(sourceDefinitionId: string, targetDefinitionId: string): Promise<MigrationPlan>;
  migrate(plan: MigrationPlan, instanceIds: readonly string[]): Promise<MigrationResult>;

  /** Development and test stacks only: the engine's clock, moved to let deadlines pass. */
  readonly clock?: EngineClock;
}

export interface EngineClock {
  now(): Promise<Date>;
  /** Moves every engine node's clock forward; timers that fall due fire. */
  advance(ms: number): Promise<Date>;
  reset(): Promise<void>;
}

/** A unit of automated work: an external service task as a worker sees it. */
export interface Job {
  id: string;
  topic: string;
  instanceId: string;
  /** The task's instance in the diagram: stable across redeliveries of the same activation. */
  activityInstanceId: string;
  elementId: string;
  processId: string;
  /** The case id, as the instance's business key. */
  businessKey: string | null;
  /** Tries left before an incident (the first delivery has the diagram's default). */
  retries: number;
  variables: Variables;
  /** Extension properties of the task in the diagram (`camunda:properties`). */
  headers: Record<string, string>;
  /** What the last failure of this job reported as `errorDetails` (the worker's retry state), null before any. */
  failureDetails: string | null;
  /** The engine's clock when the job was fetched (it may be moved ahead on test stacks); null when unknown. */
  engineNow: Date | null;
}

export type JobOutcome =
  | { kind: 'complete'; variables: Variables }
  | { kind: 'fail'; errorMessage: string; errorDetails?: string; retries: number; retryBackOffMs: number }
  | { kind: 'bpmn-error'; errorCode: string; errorMessage: string; variables: Variables };

export interface TopicSubscription {
  topic: string;
  /** How long a fetched job stays ours before the engine gives it to another worker; extended while running. */
  lockMs: number;
}

/**
 * What became of a job's outcome: the engine took it; refused it because the job is no longer this worker's
 * (completed elsewhere, instance cancelled, lock lost: 'lost'); or it could not be delivered ('unreported': the
 * job comes back when its lock expires).
 */
export type JobReport = 'reported' | 'lost' | 'unreported';

/**
 * Where workers get jobs from. `start` long-polls the engine for the subscribed topics and hands each job to
 * `handle`, whose outcome it reports; while `handle` runs the job's lock is extended. `stop` stops fetching and
 * waits for jobs in hand.
 */
export interface JobSource {
  /** `onReported`, when given, hears once per job given to `handle` what became of its outcome (for metrics). */
  start(
    subscriptions: readonly TopicSubscription[],
    handle: (job: Job) => Promise<JobOutcome>,
    onReported?: (job: Job, outcome: JobOutcome, report: JobReport) => void,
  ): void;
  stop(graceMs?: number): Promise<{ unfinished: number }>;
  readonly inFlight: number;
}

export type WorkflowErrorKind =
  /** No such instance, task, incident or definition. */
  | 'not-found'
  /** The task or instance is no longer open (completed, cancelled) */
  | 'gone'
  /** Someone else holds it, or it changed meanwhile. */
  | 'conflict'
  /** The engine refused the request (invalid diagram, bad variables, no matching receiver when required). */
  | 'rejected'
  /** No engine node answered. */
  | 'unavailable'
  /** The engine did not answer in time. */
  | 'timeout'
  /** Our service account was refused: a configuration problem. */
  | 'unauthorized'
  | 'failed';

/**
 * An engine call that failed, classified for callers (a route turns 'conflict' into 409 with a sentence). The
 * engine's own words are in `detail`, for the log; `message` names the operation.
 */
export class WorkflowError extends Error {
  override readonly name = 'WorkflowError';
  constructor(
    readonly kind: WorkflowErrorKind,
    readonly detail: string,
    readonly operation: string,
    cause?: unknown,
  ) {
    super(`${operation}: ${kind}: ${detail}`, cause === undefined ? undefined : { cause });
  }
}

/** Everything the stack needs from its engine. */
export interface Workflow {
  engine: WorkflowEngine;
  /** A new job source (one per worker host). */
  jobSource(opts: { workerId: string; maxJobs?: number; log: Logger }): JobSource;
}
