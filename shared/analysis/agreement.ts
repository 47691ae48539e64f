/**
 * Agreement between two coders on double-coded answers: for each theme, whether each coder
 * applied it to each answer (a 2×2 table), Cohen's kappa and percent agreement per theme and
 * overall.
 *
 * Cohen's kappa: κ = (pₒ − pₑ) / (1 − pₑ), where pₒ is the share of items the coders agree on and
 * pₑ the agreement expected by chance from each coder's own rates (Cohen, J. 1960, "A coefficient
 * of agreement for nominal scales", Educational and Psychological Measurement 20(1), 37–46).
 *
 * Degenerate case, stated once: when both coders put every item in the same single category
 * (for a theme: neither applied it anywhere, or both applied it everywhere), pₑ = 1 and kappa is
 * 0/0 — undefined. We return `kappa: null` with `undefinedReason: 'no-variation'` rather than 1 or
 * 0; percent agreement is then 100%. The UI should show "not defined (every answer coded the same
 * way)". With no double-coded items, kappa is null with reason 'no-items'.
 *
 * Overall figures, both offered and named:
 * - `meanKappa`: the unweighted mean of per-theme kappas over themes where kappa is defined (what
 *   NVivo-style coding comparison reports average);
 * - `pooledKappa`: kappa of the 2×2 table summed over all themes and items (every theme decision
 *   is one observation), which is stable when some themes are rare.
 */

export interface TwoByTwo {
  /** Both applied. */
  both: number;
  /** Coder A only. */
  aOnly: number;
  /** Coder B only. */
  bOnly: number;
  /** Neither applied. */
  neither: number;
}

export type KappaUndefinedReason = 'no-items' | 'no-variation';

export interface KappaResult {
  n: number;
  /** Observed agreement pₒ, 0–1 (null with no items). */
  observed: number | null;
  /** Chance agreement pₑ, 0–1 (null with no items). */
  expected: number | null;
  kappa: number | null;
  undefinedReason: KappaUndefinedReason | null;
}

/**
 * Cohen's kappa for any square table of counts, rows = coder A's category, columns = coder B's.
 */
export function cohensKappa(table: readonly (readonly number[])[]): KappaResult {
  const k = table.length;
  let n = 0;
  let agree = 0;
  const rowSum = new Array<number>(k).fill(0);
  const colSum = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    const row = table[i]!;
    if (row.length !== k) throw new RangeError('The agreement table must be square');
    for (let j = 0; j < k; j++) {
      const v = row[j]!;
      if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError('Counts must be non-negative numbers');
      n += v;
      rowSum[i]! += v;
      colSum[j]! += v;
      if (i === j) agree += v;
    }
  }
  if (n === 0) return { n: 0, observed: null, expected: null, kappa: null, undefinedReason: 'no-items' };
  const po = agree / n;
  let pe = 0;
  for (let i = 0; i < k; i++) pe += (rowSum[i]! / n) * (colSum[i]! / n);
  // pₑ can exceed 1 by a rounding hair; treat anything that close as no variation.
  if (pe >= 1 - 1e-12) return { n, observed: po, expected: 1, kappa: null, undefinedReason: 'no-variation' };
  return { n, observed: po, expected: pe, kappa: (po - pe) / (1 - pe), undefinedReason: null };
}

/** Kappa of a 2×2 applied/not-applied table. */
export function binaryKappa(t: TwoByTwo): KappaResult {
  return cohensKappa([
    [t.both, t.aOnly],
    [t.bOnly, t.neither],
  ]);
}

/** One answer coded by both coders: the theme ids each applied. */
export interface DoubleCodedItem {
  itemId: string;
  coderA: readonly string[];
  coderB: readonly string[];
}

export interface ThemeAgreement extends KappaResult {
  themeId: string;
  table: TwoByTwo;
  /** Share of items where the coders agreed on this theme (applied or not), 0–1. */
  percentAgreement: number | null;
}

export interface AgreementReport {
  /** Double-coded items compared. */
  items: number;
  themes: ThemeAgreement[];
  /** Mean of the defined per-theme kappas (null if none is defined). */
  meanKappa: number | null;
  /** How many themes contributed to meanKappa. */
  meanKappaThemes: number;
  /** Kappa of the 2×2 table pooled over all themes. */
  pooledKappa: KappaResult;
  /** Share of all item × theme decisions the coders agreed on, 0–1. */
  percentAgreement: number | null;
  /** Share of items where both coders applied exactly the same set of themes, 0–1. */
  exactMatch: number | null;
}

/**
 * Agreement on double-coded items. `themeIds` lists the themes to compare (the codebook for the
 * question); when omitted, every theme either coder used. Themes outside the list are ignored.
 * Items are de-duplicated by itemId (the last entry wins).
 */
export function agreement(items: readonly DoubleCodedItem[], themeIds?: readonly string[]): AgreementReport {
  const byId = new Map<string, DoubleCodedItem>();
  for (const it of items) byId.set(it.itemId, it);
  const list = [...byId.values()];
  const themes = themeIds
    ? [...new Set(themeIds)]
    : [...new Set(list.flatMap((it) => [...it.coderA, ...it.coderB]))].sort();
  const index = new Map(themes.map((t, i) => [t, i]));
  const tables = themes.map<TwoByTwo>(() => ({ both: 0, aOnly: 0, bOnly: 0, neither: 0 }));
  let exact = 0;
  for (const it of list) {
    const a = new Set(it.coderA.filter((t) => index.has(t)));
    const b = new Set(it.coderB.filter((t) => index.has(t)));
    if (a.size === b.size && [...a].every((t) => b.has(t))) exact++;
    for (let i = 0; i < themes.length; i++) {
      const t = themes[i]!;
      const inA = a.has(t);
      const inB = b.has(t);
      const tb = tables[i]!;
      if (inA && inB) tb.both++;
      else if (inA) tb.aOnly++;
      else if (inB) tb.bOnly++;
      else tb.neither++;
    }
  }
  const pooled: TwoByTwo = { both: 0, aOnly: 0, bOnly: 0, neither: 0 };
  const perTheme = themes.map<ThemeAgreement>((themeId, i) => {
    const table = tables[i]!;
    pooled.both += table.both;
    pooled.aOnly += table.aOnly;
    pooled.bOnly += table.bOnly;
    pooled.neither += table.neither;
    const k = binaryKappa(table);
    return { themeId, table, ...k, percentAgreement: k.observed };
  });
  const defined = perTheme.filter((t) => t.kappa !== null);
  const pooledKappa = binaryKappa(pooled);
  return {
    items: list.length,
    themes: perTheme,
    meanKappa: defined.length ? defined.reduce((s, t) => s + t.kappa!, 0) / defined.length : null,
    meanKappaThemes: defined.length,
    pooledKappa,
    percentAgreement: pooledKappa.observed,
    exactMatch: list.length ? exact / list.length : null,
  };
}

/**
 * Landis and Koch's (1977) descriptive bands for kappa ("The measurement of observer agreement
 * for categorical data", Biometrics 33(1), 159–174), for labels next to the number.
 */
export function kappaBand(kappa: number | null): string {
  if (kappa === null) return 'Not defined';
  if (kappa < 0) return 'Poor';
  if (kappa <= 0.2) return 'Slight';
  if (kappa <= 0.4) return 'Fair';
  if (kappa <= 0.6) return 'Moderate';
  if (kappa <= 0.8) return 'Substantial';
  return 'Almost perfect';
}
