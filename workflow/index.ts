import type { StackConfig } from '../platform/config';
import { engineCredentials } from '../engine/runner/operaton/credentials';
import type { Workflow } from './port';
import { OperatonEngine } from './operaton/engine';
import { ExternalTaskSource } from './operaton/external-tasks';
import { OperatonRest, type OperatonConnection } from './operaton/rest';

export * from './port';

/**
 * The composition root of the workflow port: the one place that picks the adapter (Operaton) and hands out its
 * engine and job sources. Everything else imports workflow/port.ts types and receives a Workflow.
 */
export function createWorkflow(conn: OperatonConnection & { clockControlled?: boolean }): Workflow {
  const rest = new OperatonRest(conn);
  const engine = new OperatonEngine(rest, { clockControlled: conn.clockControlled ?? false });
  return {
    engine,
    jobSource: ({ workerId, maxJobs, log }) =>
      new ExternalTaskSource({ rest, workerId, log, ...(maxJobs ? { maxJobs } : {}) }),
  };
}

/** The stack's engine nodes with the stack's service account (generated per dev/test stack, from the environment in production). */
export function createWorkflowFromConfig(cfg: StackConfig): Workflow {
  const creds = engineCredentials(cfg);
  return createWorkflow({
    nodes: cfg.operaton.nodes.map((n) => n.url),
    user: creds.user,
    password: creds.password,
    clockControlled: cfg.operaton.clockControlled,
  });
}
