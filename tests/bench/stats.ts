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

export const mib = (b: number): number => round(b / 2 ** 20, 1);

/**
 * Runs `fn` and reports, besides its time, the peak of JS heap + memory outside it (buffers, the
 * sql.js heap) above the starting point, sampled every 20 ms: what a step adds to memory. Run with
 * --expose-gc (the bench runner gives it to every suite) so the start is measured after a collection.
 */
export async function withPeak<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; extraPeakMiB: number }> {
  global.gc?.();
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const start = used();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, used())), 20);
  try {
    const t = await timed(fn);
    peak = Math.max(peak, used());
    return { value: t.value, ms: t.ms, extraPeakMiB: mib(peak - start) };
  } finally {
    clearInterval(timer);
  }
}
