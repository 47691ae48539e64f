/** Percentiles of a list of timings (ms), and a timer. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}

export const round = (n: number, dp = 2): number => Number(n.toFixed(dp));

export async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export function peakRssMiB(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}
