import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of the worker host, labelled by job type and outcome. */
export function createWorkerMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'plusflow_workers_' });
  return {
    registry,
    jobs: new Counter({
      name: 'plusflow_jobs_total',
      help: 'Jobs handled, by job type and outcome (complete, fail, bpmn-error, lost)',
      labelNames: ['type', 'outcome'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'plusflow_job_duration_seconds',
      help: 'Time from activation to the engine acknowledging the outcome',
      labelNames: ['type'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    inFlight: new Gauge({ name: 'plusflow_jobs_in_flight', help: 'Jobs being handled now', registers: [registry] }),
  };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
