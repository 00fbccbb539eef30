/**
 * Step-by-step progress for long start-up work: one line per step with its duration, and an updating
 * status line while a step waits (rewritten in place on a terminal, throttled plain lines otherwise).
 */
export class Progress {
  private readonly tty = Boolean(process.stdout.isTTY);
  private lastPlain = 0;
  private pending = false;

  constructor(private readonly out: NodeJS.WriteStream = process.stdout) {}

  async step<T>(
    title: string,
    work: (update: (status: string) => void) => Promise<T>,
    done?: (result: T) => string,
  ): Promise<T> {
    const started = Date.now();
    const update = (status: string) => {
      const line = `  … ${title}: ${status}`;
      if (this.tty) {
        this.out.write(`\r\x1b[2K${line}`);
        this.pending = true;
      } else if (Date.now() - this.lastPlain > 5_000) {
        this.out.write(`${line}\n`);
        this.lastPlain = Date.now();
      }
    };
    try {
      const result = await work(update);
      this.clear();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      this.out.write(`  ✔ ${title}${done ? ` — ${done(result)}` : ''} (${seconds} s)\n`);
      return result;
    } catch (err) {
      this.clear();
      this.out.write(`  ✖ ${title}\n`);
      throw err;
    }
  }

  private clear(): void {
    if (this.pending) this.out.write('\r\x1b[2K');
    this.pending = false;
  }
}
