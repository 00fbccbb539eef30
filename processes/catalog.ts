import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Finds the deployable resources of every process: `processes/<process>/*.bpmn` and `*.form`.
 * A process keeps its diagram and forms together in its own folder.
 */
export const PROCESSES_DIR = __dirname;

export interface ProcessResource {
  /** Path relative to processes/, e.g. `platform-smoke/platform-smoke.bpmn`; the engine's resource name. */
  name: string;
  kind: 'bpmn' | 'form';
  content: Buffer;
  sha256: string;
}

export async function loadProcessResources(root = PROCESSES_DIR): Promise<ProcessResource[]> {
  const out: ProcessResource[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    for (const file of await readdir(path.join(root, entry.name))) {
      const kind = file.endsWith('.bpmn') ? 'bpmn' : file.endsWith('.form') ? 'form' : undefined;
      if (!kind) continue;
      const content = await readFile(path.join(root, entry.name, file));
      out.push({ name: `${entry.name}/${file}`, kind, content, sha256: createHash('sha256').update(content).digest('hex') });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
