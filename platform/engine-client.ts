import { Camunda8 } from '@camunda8/sdk';
import type { StackConfig } from './config';

/**
 * The engine client for our Node processes. `@camunda8/sdk` is Camunda's maintained successor of the
 * deprecated `zeebe-node`; we use its gRPC client because it offers job streaming (jobs pushed to the
 * worker the moment they are created) and deployment over one connection.
 */
export function createCamunda8(cfg: StackConfig): Camunda8 {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${cfg.engine.grpcAddress}`,
    ZEEBE_REST_ADDRESS: cfg.engine.restAddress,
    CAMUNDA_OAUTH_DISABLED: true,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    ZEEBE_INSECURE_CONNECTION: true,
    // The SDK logs through winston to stdout; our own pino logs carry what matters.
    ZEEBE_CLIENT_LOG_LEVEL: 'ERROR',
    CAMUNDA_LOG_LEVEL: 'error',
  } as ConstructorParameters<typeof Camunda8>[0]);
}
