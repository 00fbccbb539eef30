/**
 * Retry back-off for transient failures: 2 s after the first failed try, doubling per try, capped at five minutes so
 * that a partner's return is noticed within minutes however long it was away. A `Retry-After` the partner sent is
 * honoured up to the same cap.
 */
export function retryBackoffMs(tryNumber: number, retryAfterMs?: number, baseMs = 2_000, capMs = 300_000): number {
  const grown = baseMs * 2 ** Math.max(0, Math.min(tryNumber - 1, 30));
  return Math.min(capMs, Math.max(grown, retryAfterMs ?? 0));
}
