import { seededRandom } from '../core/hash';

/**
 * A reproducible random sample for double coding: the same items, size and seed give the same
 * sample on any computer, so the sample definition stored with a coding package says exactly
 * which answers were sent. A partial Fisher–Yates shuffle over the items in a fixed order.
 */
export type SampleDefinition =
  { kind: 'count'; n: number; seed: number } | { kind: 'percent'; percent: number; seed: number };

export function sampleSize(def: SampleDefinition, available: number): number {
  if (def.kind === 'count') return Math.max(0, Math.min(available, Math.floor(def.n)));
  // Round half up, and at least one answer when any is available and the share is above 0.
  const n = Math.floor((available * def.percent) / 100 + 0.5);
  return Math.max(def.percent > 0 && available > 0 ? 1 : 0, Math.min(available, n));
}

/** The sampled items, in their original order. `items` must be in a stable order (e.g. by id). */
export function drawSample<T>(items: readonly T[], def: SampleDefinition): T[] {
  const n = sampleSize(def, items.length);
  const idx = Array.from({ length: items.length }, (_, i) => i);
  const rand = seededRandom(def.seed);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (idx.length - i));
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx
    .slice(0, n)
    .sort((a, b) => a - b)
    .map((i) => items[i]!);
}

export function describeSample(def: SampleDefinition, drawn: number): string {
  return def.kind === 'count'
    ? `a random sample of ${drawn} answers (seed ${def.seed})`
    : `a random ${def.percent}% of answers: ${drawn} (seed ${def.seed})`;
}
