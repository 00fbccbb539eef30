/** The runner of the Operaton engine app (engine/app): build, start-up cache, nodes, credentials, health. */
export { appSourcesHash, ensureAppJar, ensureExtracted, type AppJar } from './app-jar';
export { credentialsFile, engineConnection, engineCredentials, type EngineCredentials } from './credentials';
export { ENGINE_SCHEMA, cockpitUrl, engineEnv, nodePort, nodeUrl, restUrl } from './env';
export { engineHealth, type OperatonHealth } from './health';
export {
  engineLogFile,
  pidFile,
  runningPid,
  startEngine,
  startEngines,
  stopEngine,
  stopEngines,
  trainStartupCache,
  type OperatonHandle,
  type StartOperatonOptions,
} from './process';
