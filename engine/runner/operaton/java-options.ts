import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Jdk } from '../jdk';

/**
 * JVM options of the engine app, chosen for start-up time. Measured on this 2-core machine (Temurin 25.0.3,
 * existing schema, ready = GET /engine-rest/version answers; 3 runs each, December 2026, machine partly busy):
 *
 *   fat jar, default JIT                         7.5 s   RSS ~420 MB
 *   fat jar, -XX:TieredStopAtLevel=1             7.0–9.2 s   ~570–610 MB
 *   extracted jar, default JIT                   8.1–20 s    ~440 MB
 *   extracted jar, C1 only                       4.9–6.6 s   ~520–550 MB
 *   extracted + CDS archive (dynamic), C1 only   3.8–5.3 s   ~280–320 MB
 *   extracted + AOT cache, default JIT           3.7–6.8 s   ~570–670 MB
 *   extracted + AOT cache, C1 only               3.4–4.4 s   ~460–510 MB   ← JDK 25+
 *
 * Through the runner with the machine busier (load 6–8; startEngine to ready, RSS after 10 s idle, -Xmx1g):
 * first start on an empty schema without cache 12.8 s (451 MB), restart without cache 15.2 s, start with
 * the AOT cache 4.4–5.2 s (375–395 MB); Maven build 11 s (warm ~/.m2), extraction 2 s, training run 31 s.
 *
 * Extracting (`java -Djarmode=tools -jar … extract`) takes ~1.2 s and 69 MB once per jar; the training run
 * that writes the AOT cache (91 MB) takes ~18 s, the CDS archive (66 MB) ~10 s, once per jar and JDK. So: always
 * the extracted jar with C1 only (the engine waits on PostgreSQL, not on compiled code), plus the AOT cache on
 * JDK 25+ or a dynamic CDS archive on JDK 21–24 once a training run has written it.
 */

export type StartupCacheKind = 'aot' | 'cds';

/** JEP 483/514 AOT cache from JDK 25 (the one-step `-XX:AOTCacheOutput`); dynamic CDS before. */
export function startupCacheKind(jdk: Pick<Jdk, 'major'>): StartupCacheKind {
  return jdk.major >= 25 ? 'aot' : 'cds';
}

/** One cache per extracted jar and JDK (a cache from another JDK build is refused by the JVM anyway). */
export function startupCacheFile(extractedDir: string, jdk: Pick<Jdk, 'major' | 'version' | 'home'>): string {
  const kind = startupCacheKind(jdk);
  const home = createHash('sha256').update(jdk.home).digest('hex').slice(0, 8);
  return path.join(
    extractedDir,
    `startup-java${jdk.version.replace(/[^\w.-]/g, '_')}-${home}.${kind === 'aot' ? 'aot' : 'jsa'}`,
  );
}

/** The configured options, split on white space (no quoting: heap sizes and -D flags need none). */
export function splitJavaOpts(configured: string): string[] {
  return configured.split(/\s+/).filter(Boolean);
}

/** Options for running the engine; `cacheFile` only when it exists. */
export function runJavaOptions(jdk: Pick<Jdk, 'major'>, configured: string, cacheFile?: string): string[] {
  const opts = splitJavaOpts(configured);
  // An explicit choice of compilers in the configuration wins over ours.
  if (!opts.some((o) => /^-XX:(TieredStopAtLevel=|[+-]TieredCompilation)/.test(o)))
    opts.push('-XX:TieredStopAtLevel=1');
  if (cacheFile)
    opts.push(startupCacheKind(jdk) === 'aot' ? `-XX:AOTCache=${cacheFile}` : `-XX:SharedArchiveFile=${cacheFile}`);
  return opts;
}

/**
 * Options of the training run that writes the cache to `output`: the app boots completely (it needs its
 * database) and exits once the Spring context is refreshed.
 */
export function trainingJavaOptions(jdk: Pick<Jdk, 'major'>, configured: string, output: string): string[] {
  const opts = splitJavaOpts(configured).filter((o) => !/^-XX:(AOTCache|SharedArchiveFile|AOTMode)/.test(o));
  opts.push(startupCacheKind(jdk) === 'aot' ? `-XX:AOTCacheOutput=${output}` : `-XX:ArchiveClassesAtExit=${output}`);
  opts.push('-Dspring.context.exit=onRefresh');
  return opts;
}

/**
 * Program arguments of the training run: any free port, and no job executor, so that a training run beside a
 * running node never takes (and locks) that node's timers and jobs.
 */
export const TRAINING_ARGS = ['--server.port=0', '--operaton.bpm.job-execution.enabled=false'];
