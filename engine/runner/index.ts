export { ensureDistribution, distributionDir } from './distribution';
export { ensureExporterJar } from './exporter-jar';
export { engineConfig, toJdbc, writeEngineConfig, EXPORTER_CLASS } from './engine-config';
export { engineHealth, type EngineHealth } from './health';
export { findJava, type Jdk } from './jdk';
export { startEngine, stopEngine, runningPid, type EngineHandle } from './process';
