// Browser packages that ship no types.
declare module '@camunda/linting' {
  /** Camunda's linter: the rule set follows the diagram's `modeler:executionPlatform` and its version. */
  export class Linter {
    constructor(options?: { modeler?: 'desktop' | 'web'; type?: 'cloud' | 'platform'; plugins?: unknown[] });
    lint(contents: unknown): Promise<unknown[]>;
  }
}
declare module '@camunda/linting/modeler' {
  /** bpmn-js module `linting`: marks reports on the canvas and in the properties panel. */
  const lintingModule: { __init__: string[] };
  export default lintingModule;
}
