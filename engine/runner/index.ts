// The engine runner: JDK discovery, Maven build of the engine app (engine/app), start-up, lifecycle of the
// Operaton nodes of a stack (operaton/).
export { findJava, MIN_JAVA, MAX_TESTED_JAVA, type Jdk, type FindJavaOptions } from './jdk';
export { assertPortsFree, isFree } from './ports';
export { logTail } from './os-process';
export * from './operaton';
