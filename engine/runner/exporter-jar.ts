import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT, type StackConfig } from '../../platform/config';
import { UserFacingError } from '../../platform/errors';
import { MAVEN_FLAGS, mavenEnv, requireMaven, run } from './maven';

export const EXPORTER_DIR = path.join(REPO_ROOT, 'engine', 'exporter');

/** `<cacheDir>/camunda/exporter/plusflow-exporter-<hash of the sources>.jar` */
export function exporterJarPath(cfg: StackConfig, hash: string): string {
  return path.join(cfg.cacheDir, 'camunda', 'exporter', `plusflow-exporter-${hash}.jar`);
}

/**
 * Builds the PostgreSQL exporter (engine/exporter, Java) when its sources changed and returns the jar's
 * path. The hash of the sources is part of the jar's name, so an unchanged exporter is never rebuilt and a
 * running broker never sees its jar replaced. Maven builds into a private directory that is removed
 * afterwards, so two stacks starting together do not write the same target/.
 */
export async function ensureExporterJar(cfg: StackConfig): Promise<string> {
  const hash = await exporterSourcesHash();
  const jar = exporterJarPath(cfg, hash);
  if (existsSync(jar)) return jar;
  const jarDir = path.dirname(jar);
  const buildDir = path.join(jarDir, `.build-${process.pid}-${hash}`);
  await mkdir(jarDir, { recursive: true });
  try {
    await run(requireMaven(), [...MAVEN_FLAGS, '-q', '-f', path.join(EXPORTER_DIR, 'pom.xml'), `-Dexporter.buildDir=${buildDir}`, 'package'], {
      env: mavenEnv(),
      failure: (output) => new UserFacingError(`Building the engine exporter failed:\n${output}`, 'Fix engine/exporter (see the compiler output) and start again.'),
    });
    // Copy, then rename: a reader sees either no jar or the whole jar.
    const partial = `${jar}.${process.pid}.tmp`;
    await copyFile(path.join(buildDir, 'plusflow-exporter.jar'), partial);
    await rename(partial, jar);
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
  return jar;
}

/** SHA-256 (12 hex digits) over pom.xml and every file under src/, with their relative paths. */
export async function exporterSourcesHash(dir = EXPORTER_DIR): Promise<string> {
  const files = [path.join(dir, 'pom.xml'), ...(await listFiles(path.join(dir, 'src')))].sort();
  const h = createHash('sha256');
  for (const f of files) h.update(path.relative(dir, f)).update('\0').update(await readFile(f));
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
