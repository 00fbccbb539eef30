// The engine runner: JDK discovery, the Camunda distribution and our exporter, configuration, lifecycle.
export { ensureDistribution, distributionDir } from './distribution';
export { ensureExporterJar, exporterJarPath, exporterSourcesHash } from './exporter-jar';
export { engineConfig, engineConfigFile, toJdbc, writeEngineConfig, EXPORTER_CLASS, EXPORTER_FLUSH, EXPORTER_ID, type JdbcTarget } from './engine-config';
export { engineHealth, type EngineHealth } from './health';
export { findJava, MIN_JAVA, MAX_TESTED_JAVA, type Jdk, type FindJavaOptions } from './jdk';
export { assertPortsFree, isFree } from './ports';
export { startEngine, stopEngine, runningPid, engineLogFile, logTail, pidFile, type EngineHandle, type StartEngineOptions } from './process';
