import type { ProcessKind } from '../prisma/generated/client';

/**
 * The descriptor of one process module, `processes/<id>/process.ts`. Everything outside the module learns about
 * the process from here (through processes/registry.ts), so no other file names the process: intake finds the
 * process that executes a decision, the inbox, monitor, client file and modeler get its names from the API
 * (`GET /api/processes`), the worker host finds its handlers in `processes/<id>/workers.ts`.
 *
 * The descriptor is plain data: the API and the UI read it, so it must not import handlers, the database or
 * integration clients. Handlers live beside it in `workers.ts`, loaded only by the worker host.
 * The deployment manifest `process.json` (status, full legal name, description) stays a JSON file because
 * the deployer and the container image read it without TypeScript; the registry joins the two.
 */
export interface ProcessModule {
  /** The BPMN process id of the module's main diagram, its folder name, and the prefix of its own job types. */
  id: string;
  /**
   * `case`: cases run on it, started by intake; `shared`: a call activity that case processes share (register
   * look-up, notice to court or prosecutor, case closure); `platform`: technical checks, never shown to officers.
   */
  role: 'case' | 'shared' | 'platform';
  /** The short name lists, filters and the client file show (the manifest holds the full legal name). */
  label: { lv: string; en: string };
  /** For a case process: the inbound decisions it takes and how they start it. */
  intake?: CaseIntake;
  /** Process ids of the shared modules it calls (call activities), so a removed module is caught by the tests. */
  calls?: string[];
  /** The documents it produces (template kinds of domain/documents), for the docs and the module's tests. */
  documents?: string[];
  /** Folder of its scenarios, relative to the module (played by `npm run scenario` and the scenario tests). */
  scenarios?: string;
}

export interface CaseIntake {
  /** The kind its cases carry (`case.process_kind`): the client file and start look the process up by it. */
  caseKind: ProcessKind;
  /**
   * The measures of a decision (punishment types in TIS, ProIS, IeVP IS messages) the process executes. A decision
   * whose measure no module takes is quarantined as NOT_AUTOMATED (domain/intake/classify.ts).
   */
  measures: string[];
  /**
   * How a decision starts it: a new instance of the process with the case id as business key and the start
   * variables of the case contract (domain/intake/ingest.ts `startVariables`).
   */
  start: 'case-start-variables';
  /** Messages intake delivers to its running cases (later decisions on the same case). */
  messages?: string[];
  /** The case goes to a youth department where the town has one (the measure is for minors). */
  youthDepartment?: boolean;
}

/** Types the descriptor of a module; kept as a function so a module file reads as one declaration. */
export function defineProcess<const M extends ProcessModule>(module: M): M {
  return module;
}
