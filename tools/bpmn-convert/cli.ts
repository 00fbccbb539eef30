import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ZEEBE_NS, convertZeebeToCamunda } from './convert';

/**
 * `npm run bpmn:convert -- [--out <dir>] [--history-ttl P1825D] [--strict] <file.bpmn…>`: converts Zeebe diagrams
 * to the Camunda 7 dialect that Operaton executes, in place or into <dir>, and prints what it could not map.
 * A diagram without the Zeebe namespace is left alone. --strict exits 1 when there are warnings.
 */
const USAGE = 'Usage: npm run bpmn:convert -- [--out <dir>] [--history-ttl P1825D] [--strict] <file.bpmn…>';

async function main(argv: string[]): Promise<number> {
  const files: string[] = [];
  let out: string | undefined;
  let ttl: string | undefined;
  let strict = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--out') out = argv[++i];
    else if (a === '--history-ttl') ttl = argv[++i];
    else if (a === '--strict') strict = true;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith('--')) {
      console.error(`Unknown option ${a}.\n${USAGE}`);
      return 2;
    } else files.push(a);
  }
  if (!files.length || (argv.includes('--out') && !out) || (argv.includes('--history-ttl') && !ttl)) {
    console.error(USAGE);
    return 2;
  }
  if (ttl && !/^P\d+D$/.test(ttl)) {
    console.error(`--history-ttl ${ttl}: give days as an ISO-8601 duration, e.g. P1825D.`);
    return 2;
  }
  let warned = 0;
  for (const file of files) {
    const xml = readFileSync(file, 'utf8');
    if (!xml.includes(ZEEBE_NS)) {
      console.log(`${file}: no Zeebe namespace, left as it is`);
      continue;
    }
    const result = await convertZeebeToCamunda(xml, ttl ? { historyTimeToLive: ttl } : {});
    const target = out ? path.join(out, path.basename(file)) : file;
    if (out) mkdirSync(out, { recursive: true });
    writeFileSync(target, result.xml.endsWith('\n') ? result.xml : `${result.xml}\n`);
    console.log(`${file} → ${target}${result.warnings.length ? ` (${result.warnings.length} warning${result.warnings.length > 1 ? 's' : ''})` : ''}`);
    for (const w of result.warnings) console.log(`  warning: ${w}`);
    warned += result.warnings.length;
  }
  return strict && warned > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
