/** The q-quantile of a sample by nearest rank (q = 0.95: the value 95 % of the sample do not exceed); 0 when empty. */
export function percentile(values: readonly number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
