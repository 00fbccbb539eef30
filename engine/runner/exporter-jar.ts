import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT, type StackConfig } from '../../platform/config';
import { UserFacingError } from '../../platform/errors';
import { findJava } from './jdk';
import { requireMaven, run } from './maven';

const EXPORTER_DIR = path.join(REPO_ROOT, 'engine', 'exporter');

/**
 * Builds the PostgreSQL exporter (engine/exporter, Java) when its sources changed and returns the jar's
 * path. The jar's name carries the hash of its sources, so a running broker never sees its jar replaced.
 */
export async function ensureExporterJar(cfg: StackConfig): Promise<string> {
  const hash = await sourcesHash();
  const jar = path.join(cfg.cacheDir, 'camunda', 'exporter', `plusflow-exporter-${hash}.jar`);
  if (existsSync(jar)) return jar;
  await run(requireMaven(), ['-B', '-q', '-f', path.join(EXPORTER_DIR, 'pom.xml'), 'package'], {
    // Maven may run on Java 17, but compiling for release 21 needs a JDK 21+.
    env: { ...process.env, JAVA_HOME: findJava().home },
    failure: (output) => new UserFacingError(`Building the engine exporter failed:\n${output}`, 'Fix engine/exporter (see the compiler output) and start again.'),
  });
  await mkdir(path.dirname(jar), { recursive: true });
  await copyFile(path.join(EXPORTER_DIR, 'target', 'plusflow-exporter.jar'), jar);
  return jar;
}

async function sourcesHash(): Promise<string> {
  const files = [path.join(EXPORTER_DIR, 'pom.xml'), ...(await listFiles(path.join(EXPORTER_DIR, 'src')))].sort();
  const h = createHash('sha256');
  for (const f of files) h.update(path.relative(EXPORTER_DIR, f)).update(await readFile(f));
  return h.digest('hex').slice(0, 12);
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out;
}
