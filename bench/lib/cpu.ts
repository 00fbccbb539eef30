import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds used so far by processes, from /proc (Linux): user + system time of each process and of its
 * waited-for children. Sampled before and after a phase, the difference shows where the machine's time went.
 */
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11..14] are utime, stime, cutime, cstime (stat fields 14–17)
    return fields.slice(11, 15).reduce((s, f) => s + Number(f), 0) / TICKS_PER_SECOND;
  } catch {
    return 0; // gone
  }
}

/** Every process whose command name is `comm` (e.g. all PostgreSQL backends: "postgres"). */
export function cpuSecondsOfCommand(comm: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === comm) total += cpuSecondsOf(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return total;
}
