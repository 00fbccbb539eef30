import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Small helpers every benchmark uses to report. */

export const log = (line: string) => console.log(line);
export const round = (n: number) => Math.round(n * 100) / 100;
export const fmt = (ms: number) => ms.toFixed(0);

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Prints a progress line at every 10 %. */
export function progressEvery(total: number, label: string): (done: number) => void {
  let next = 0.1;
  return (done) => {
    if (total === 0 || done / total < next) return;
    while (done / total >= next) next += 0.1;
    log(`  ${label} ${Math.min(100, Math.round((done / total) * 100))}% (${done}/${total})`);
  };
}

export const noProgress = (_done: number) => {};

/** bench/results/<name>-<timestamp>.json; trial runs get .tmp.json, which git ignores. */
export function writeResult(name: string, result: object & { timestamp: string }, tmp: boolean): string {
  const dir = path.join(__dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = result.timestamp.replace(/[:.]/g, '-');
  const file = path.join(dir, `${name}-${stamp}${tmp ? '.tmp' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
