import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs (pino). Every component names itself; job handlers add processInstanceKey so that a
 * case can be followed across workers with one grep. Pretty output only when a person watches a terminal.
 */
export function createLogger(component: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  const pretty = process.stdout.isTTY && process.env.LOG_FORMAT !== 'json';
  return pino({
    name: component,
    level,
    base: { component },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname,component' } } }
      : {}),
  });
}

export type { Logger };
