import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Finds the deployable resources of every process: `processes/<process>/*.bpmn` and `*.form`.
 * A process keeps its diagram and forms together in its own folder, with a `process.json` manifest whose
 * status is `active` (deployed at start) or `draft` (being built: checked for syntax, not deployed).
 */
export const PROCESSES_DIR = __dirname;

export interface ProcessManifest {
  id: string;
  status: 'active' | 'draft';
  name: { lv: string; en: string };
  description: string;
}

export async function loadManifests(root = PROCESSES_DIR): Promise<ProcessManifest[]> {
  const out: ProcessManifest[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = path.join(root, entry.name, 'process.json');
    const manifest = JSON.parse(await readFile(file, 'utf8').catch(() => '{"status":"missing"}')) as
      ProcessManifest | { status: 'missing' };
    if (manifest.status === 'missing') throw new Error(`processes/${entry.name} has no process.json manifest`);
    if (manifest.id !== entry.name)
      throw new Error(`processes/${entry.name}/process.json must have "id": "${entry.name}"`);
    out.push(manifest);
  }
  return out;
}

export interface ProcessResource {
  /** Path relative to processes/, `<module>/<process>.bpmn` or `<module>/<form>.form`; the engine's resource name. */
  name: string;
  kind: 'bpmn' | 'form';
  content: Buffer;
  sha256: string;
}

/** Resources of the active processes (or of all, drafts included, for checks). */
export async function loadProcessResources(
  root = PROCESSES_DIR,
  opts: { includeDrafts?: boolean } = {},
): Promise<ProcessResource[]> {
  const out: ProcessResource[] = [];
  for (const manifest of await loadManifests(root)) {
    if (manifest.status !== 'active' && !opts.includeDrafts) continue;
    const dir = path.join(root, manifest.id);
    for (const file of await readdir(dir)) {
      const kind = file.endsWith('.bpmn') ? 'bpmn' : file.endsWith('.form') ? 'form' : undefined;
      if (!kind) continue;
      const content = await readFile(path.join(dir, file));
      out.push({
        name: `${manifest.id}/${file}`,
        kind,
        content,
        sha256: createHash('sha256').update(content).digest('hex'),
      });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
