export {
  createSimulatorApp,
  type InboundSpec,
  type Simulator,
  type SimulatorOptions,
  type SimulatorStats,
  type SystemState,
} from './app';
export { FaultConfigSchema, FaultInjector, type FaultConfig, type FaultConfigInput } from './faults';
export { IdempotencyStore, fingerprint, stableJson } from './idempotency';
export { Outbox } from './outbox';
export { SimProblem } from './problem';
export { createPrng, seedFrom, type Prng } from '../../platform/prng';
export { ReceivedLog, type ReceivedRequest } from './received';
export { ok, parseQuery, route, type SimRequest, type SimResponse, type SimRoute } from './route';
export { serveSimulators, type SimulatorServer } from './server';
export { loadSnapshot, saveSnapshot } from './snapshot';
