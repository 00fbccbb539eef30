import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProcessKind } from '../prisma/generated/client';
import type { ProcessModule } from './module';

/**
 * The process registry: every module under processes/ that has a descriptor (`process.ts`, see module.ts), found
 * by looking at the folders, so adding a process is adding a folder and removing one is deleting it. Nothing
 * else lists the processes.
 */
export const PROCESSES_ROOT = __dirname;

/** A module as the registry knows it: its descriptor joined with its deployment manifest. */
export interface RegisteredProcess extends ProcessModule {
  /** The full name and description of the deployment manifest (process.json). */
  manifest: { status: 'active' | 'draft'; name: { lv: string; en: string }; description: string };
  /** The module's folder. */
  dir: string;
}

/** What the UI may know about a process: served at GET /api/processes. */
export interface PublicProcess {
  id: string;
  role: ProcessModule['role'];
  label: { lv: string; en: string };
  name: { lv: string; en: string };
  /** For case processes: the kind its cases carry, as the client file shows it. */
  caseKind: ProcessKind | null;
}

/** A module file (`process`, `workers`) of every module that has one, as a path to require (no extension). */
export function moduleFiles(file: string, root = PROCESSES_ROOT): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const base = path.join(root, entry.name, file);
    // .ts when run from the sources (tsx, jest), .js in the compiled image.
    if (existsSync(`${base}.ts`) || existsSync(`${base}.js`)) out.push(base);
  }
  return out;
}

export function loadRegistry(root = PROCESSES_ROOT): RegisteredProcess[] {
  const out: RegisteredProcess[] = [];
  for (const file of moduleFiles('process', root)) {
    const dir = path.dirname(file);
    // Discovery by folder: a static import here would name every process.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(file) as { processModule?: ProcessModule };
    const m = exported.processModule;
    if (!m) throw new Error(`${path.relative(root, file)} must export processModule (processes/module.ts)`);
    if (m.id !== path.basename(dir))
      throw new Error(`processes/${path.basename(dir)}/process.ts must have id "${path.basename(dir)}", not "${m.id}"`);
    const manifest = JSON.parse(
      readFileSync(path.join(dir, 'process.json'), 'utf8'),
    ) as RegisteredProcess['manifest'] & { id: string };
    out.push({
      ...m,
      manifest: { status: manifest.status, name: manifest.name, description: manifest.description },
      dir,
    });
  }
  return out;
}

let cached: RegisteredProcess[] | undefined;

/** Every registered process module (read once per process). */
export function processModules(): readonly RegisteredProcess[] {
  return (cached ??= loadRegistry());
}

export function processModule(id: string): RegisteredProcess | undefined {
  return processModules().find((m) => m.id === id);
}

/** The case processes that intake can start. */
export function caseProcesses(): RegisteredProcess[] {
  return processModules().filter((m) => m.role === 'case' && m.intake && m.manifest.status === 'active');
}

/** The case process that executes a measure of a decision (e.g. a punishment type), if one does. */
export function caseProcessForMeasure(measure: string): RegisteredProcess | undefined {
  return caseProcesses().find((m) => m.intake!.measures.includes(measure));
}

/** The case process whose cases carry this kind. */
export function caseProcessOfKind(kind: ProcessKind): RegisteredProcess | undefined {
  return caseProcesses().find((m) => m.intake!.caseKind === kind);
}

/** The kinds of case that a process runs (cases of other kinds are worked by hand). */
export function automatedCaseKinds(): ProcessKind[] {
  return caseProcesses().map((m) => m.intake!.caseKind);
}

export function publicProcesses(): PublicProcess[] {
  return processModules()
    .filter((m) => m.manifest.status === 'active')
    .map((m) => ({
      id: m.id,
      role: m.role,
      label: m.label,
      name: m.manifest.name,
      caseKind: m.intake?.caseKind ?? null,
    }));
}

/** Every scenario file of the modules (paths relative to the repository), for the runner's hints and tests. */
export function scenarioFiles(): string[] {
  return processModules().flatMap((m) => {
    if (!m.scenarios) return [];
    const dir = path.join(m.dir, m.scenarios);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => path.relative(path.dirname(PROCESSES_ROOT), path.join(dir, f)));
  });
}
