import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { StackConfig } from '../../platform/config';
import { UserFacingError } from '../../platform/errors';
import { MAVEN_FLAGS, mavenEnv, requireMaven, run } from './maven';

/** Where the unpacked distribution lives: `<cacheDir>/camunda/camunda-zeebe-<version>`. */
export function distributionDir(cfg: StackConfig): string {
  return path.join(cfg.cacheDir, 'camunda', `camunda-zeebe-${cfg.engine.version}`);
}

/** Temporary download directories are named `.download-<pid>-<random>`; those of dead processes are removed. */
const DOWNLOAD_PREFIX = '.download-';

/**
 * Makes sure the pinned Camunda distribution is unpacked in the cache directory and returns its path. On
 * first use it is fetched from Maven Central with `mvn` (about 300 MB) and unpacked into a temporary
 * directory that is renamed into place only when complete, so an interrupted download never leaves a
 * broken install behind.
 */
export async function ensureDistribution(cfg: StackConfig, onProgress: (status: string) => void = () => undefined): Promise<string> {
  const dir = distributionDir(cfg);
  if (isInstalled(dir)) return dir;
  const mvn = requireMaven();
  const camundaDir = path.dirname(dir);
  await mkdir(camundaDir, { recursive: true });
  await removeStaleDownloads(camundaDir);
  const tmp = await mkdtemp(path.join(camundaDir, `${DOWNLOAD_PREFIX}${process.pid}-`));
  try {
    const archive = await download(mvn, cfg.engine.version, tmp, onProgress);
    onProgress(`unpacking ${path.basename(archive)}`);
    await untar(archive, tmp);
    const unpacked = path.join(tmp, `camunda-zeebe-${cfg.engine.version}`);
    if (!isInstalled(unpacked)) {
      throw new UserFacingError(`The archive ${path.basename(archive)} has no camunda-zeebe-${cfg.engine.version}/bin/broker.`, `Delete ${camundaDir} and start again.`);
    }
    try {
      await rename(unpacked, dir);
    } catch (err) {
      // Another run (e.g. the test stack) finished the same download first: use its copy.
      if (!isInstalled(dir)) throw err;
    }
    return dir;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function isInstalled(dir: string): boolean {
  return existsSync(path.join(dir, 'bin', 'broker'));
}

/** Runs `mvn dependency:copy` into `into` with a live status line; returns the archive's path. */
async function download(mvn: string, version: string, into: string, onProgress: (status: string) => void): Promise<string> {
  const artifact = `io.camunda:camunda-zeebe:${version}:tar.gz`;
  const started = Date.now();
  const seconds = () => `${Math.round((Date.now() - started) / 1000)} s`;
  // Maven's batch mode prints no byte counts, so the growing file in its local repository shows them.
  const m2 = path.join(localRepository(), 'io', 'camunda', 'camunda-zeebe', version);
  let phase = 'Maven resolves the artifact';
  onProgress(`${artifact}: ${phase}`);
  const tick = setInterval(() => {
    void bytesIn(m2).then((bytes) => {
      const size = bytes > 0 && /downloading/.test(phase) ? `, ${(bytes / 1e6).toFixed(0)} of about 300 MB` : '';
      onProgress(`${artifact}: ${phase}${size}, ${seconds()}`);
    });
  }, 1_000);
  try {
    await run(mvn, [...MAVEN_FLAGS, 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${into}`], {
      env: mavenEnv(),
      onLine: (line) => {
        const m = /^\[INFO\] Downloading from [^:]+: (\S+)/.exec(line);
        if (!m?.[1]) return;
        phase = m[1].includes('camunda-zeebe') ? `downloading ${path.basename(m[1])}` : 'resolving the Maven dependency plugin';
      },
      failure: (output) =>
        new UserFacingError(
          `Maven could not fetch ${artifact}:\n${output}`,
          /Could not find artifact|could not be resolved/i.test(output)
            ? `Camunda ${version} is not on the Maven repository this machine reaches; set CAMUNDA_VERSION to one that is (8.6.0 is).`
            : 'Check the network access to Maven Central and your ~/.m2/settings.xml, then start again.',
        ),
    });
  } finally {
    clearInterval(tick);
  }
  const archive = (await readdir(into)).find((f) => f.endsWith('.tar.gz'));
  if (!archive) throw new UserFacingError(`Maven finished but left no archive in ${into}.`, 'Run `npm run engine -- fetch` again.');
  return path.join(into, archive);
}

/** Maven's local repository: ~/.m2/repository unless MAVEN_OPTS names another (settings.xml is not read). */
function localRepository(): string {
  return /-Dmaven\.repo\.local=(\S+)/.exec(process.env.MAVEN_OPTS ?? '')?.[1] ?? path.join(os.homedir(), '.m2', 'repository');
}

async function removeStaleDownloads(camundaDir: string): Promise<void> {
  for (const name of await readdir(camundaDir)) {
    if (!name.startsWith(DOWNLOAD_PREFIX)) continue;
    // One whose process still lives is a download running right now (e.g. the test stack's).
    const pid = Number(name.slice(DOWNLOAD_PREFIX.length).split('-')[0]);
    if (pid > 0 && isAlive(pid)) continue;
    await rm(path.join(camundaDir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function bytesIn(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const sizes = await Promise.all(names.map((n) => stat(path.join(dir, n)).then((s) => s.size, () => 0)));
  return sizes.reduce((a, b) => a + b, 0);
}

function untar(archive: string, into: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const tar = spawn('tar', ['-xzf', archive, '-C', into], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    tar.stderr.on('data', (d: Buffer) => (err += d.toString()));
    tar.on('error', reject);
    tar.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tar failed (${code}): ${err}`))));
  });
}
