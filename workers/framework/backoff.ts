/**
 * Retry back-off for transient failures: grows as retries run out, so a flapping external system gets
 * breathing room, and caps at five minutes so recovery is noticed quickly.
 */
export function retryBackoffMs(retriesLeftAfterThisFailure: number, baseMs = 2_000, capMs = 300_000): number {
  const attempt = Math.max(0, 3 - retriesLeftAfterThisFailure);
  return Math.min(capMs, baseMs * 2 ** attempt);
}
