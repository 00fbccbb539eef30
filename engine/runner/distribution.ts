import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { StackConfig } from '../../platform/config';
import { UserFacingError } from '../../platform/errors';
import { findJava } from './jdk';
import { requireMaven, run } from './maven';

export function distributionDir(cfg: StackConfig): string {
  return path.join(cfg.cacheDir, 'camunda', `camunda-zeebe-${cfg.engine.version}`);
}

/**
 * Makes sure the pinned Camunda distribution is unpacked in the cache directory. On first use it is fetched
 * from Maven Central with `mvn` (about 300 MB) and unpacked into a temporary directory that is renamed into
 * place only when complete, so an interrupted download never leaves a broken install behind.
 */
export async function ensureDistribution(cfg: StackConfig, onProgress: (status: string) => void = () => undefined): Promise<string> {
  const dir = distributionDir(cfg);
  if (existsSync(path.join(dir, 'bin', 'broker'))) return dir;
  const mvn = requireMaven();
  const camundaDir = path.dirname(dir);
  await mkdir(camundaDir, { recursive: true });
  const tmp = await mkdtemp(path.join(camundaDir, '.download-'));
  try {
    const artifact = `io.camunda:camunda-zeebe:${cfg.engine.version}:tar.gz`;
    onProgress(`downloading ${artifact} from Maven Central`);
    const started = Date.now();
    // Maven prints no progress with -q; the size of what has arrived in its local repository shows it instead.
    const m2 = path.join(os.homedir(), '.m2', 'repository', 'io', 'camunda', 'camunda-zeebe', cfg.engine.version);
    const tick = setInterval(() => {
      void bytesIn(m2).then((bytes) =>
        onProgress(`downloading ${artifact}: ${(bytes / 1e6).toFixed(0)} MB of about 300 MB, ${Math.round((Date.now() - started) / 1000)} s`),
      );
    }, 1_000);
    try {
      await run(mvn, ['-B', '-q', 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${tmp}`], {
        env: { ...process.env, JAVA_HOME: findJava().home },
        failure: (output) =>
          new UserFacingError(
            `Maven could not fetch ${artifact}:\n${output}`,
            /Could not find artifact/.test(output)
              ? `Camunda ${cfg.engine.version} is not on the Maven repository this machine reaches; set CAMUNDA_VERSION to one that is (8.6.0 is).`
              : 'Check the network access to Maven Central and your ~/.m2/settings.xml, then start again.',
          ),
      });
    } finally {
      clearInterval(tick);
    }
    onProgress('unpacking');
    const archive = (await readdir(tmp)).find((f) => f.endsWith('.tar.gz'));
    if (!archive) throw new UserFacingError(`Maven finished but left no archive in ${tmp}.`, 'Run `npm run engine -- fetch` again.');
    await untar(path.join(tmp, archive), tmp);
    const unpacked = path.join(tmp, `camunda-zeebe-${cfg.engine.version}`);
    if (!existsSync(path.join(unpacked, 'bin', 'broker'))) {
      throw new UserFacingError(`The archive ${archive} has no bin/broker.`, 'Delete .cache/camunda and start again.');
    }
    await rename(unpacked, dir);
    return dir;
  } finally {
    await rm(tmp, { recursive: true, force: true });
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
    tar.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tar failed (${code}): ${err}`))));
  });
}
