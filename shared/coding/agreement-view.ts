import { agreement, binaryKappa, kappaBand, type KappaResult, type TwoByTwo } from '../analysis/agreement';
import type { AgreementView, KappaView, QuestionAgreementView, ThemeAgreementView } from './types';

/**
 * Agreement between the workspace's coding (coder A) and a colleague's package (coder B), per
 * theme, per question and overall, from the double-coded answers (both coders coded them: gave at
 * least one theme or marked them complete).
 *
 * Overall figures pool the 2×2 tables of every question's themes: each (answer, theme of that
 * question) decision is one observation, so a theme of question 3 is never counted as "agreed not
 * applied" on answers to question 5. The mean kappa averages the defined per-theme kappas.
 *
 * Undefined kappa (shared/analysis/agreement.ts): when both coders made the same decision on every
 * answer (neither used the theme, or both used it everywhere), chance agreement is 1 and kappa is
 * 0/0. It is shown as "Not defined (every answer coded the same way)" with percent agreement 100%,
 * never as 0 or 1; with no double-coded answers it is "Not defined (no answers coded by both)".
 */
export const UNDEFINED_KAPPA_NOTE =
  'Kappa is not defined for a theme when both coders made the same decision on every answer (neither used it, ' +
  'or both used it on every answer): agreement is then 100% but kappa cannot be worked out. It is also not ' +
  'defined when no answers were coded by both.';

export interface AgreementItem {
  responseId: number;
  questionId: string;
  /** Themes each coder applied (whole answer or passage), and whether each coded the answer at all. */
  a: readonly string[];
  b: readonly string[];
  aCoded: boolean;
  bCoded: boolean;
}

export function kappaView(k: KappaResult, table: TwoByTwo): KappaView {
  const band =
    k.kappa === null
      ? k.undefinedReason === 'no-items'
        ? 'Not defined (no answers coded by both)'
        : 'Not defined (every answer coded the same way)'
      : kappaBand(k.kappa);
  return {
    kappa: k.kappa,
    band,
    undefinedReason: k.undefinedReason,
    percentAgreement: k.observed,
    table: { ...table },
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
};

/** Whether an item is a conflict: both coded it and chose different themes. */
export const isConflict = (it: AgreementItem, themeIds?: ReadonlySet<string>): boolean => {
  if (!it.aCoded || !it.bCoded) return false;
  const f = (xs: readonly string[]) => (themeIds ? xs.filter((x) => themeIds.has(x)) : xs);
  return !sameSet(f(it.a), f(it.b));
};

export function agreementView(input: {
  packageId: string;
  coderA: string;
  coderB: string;
  questions: Array<{ id: string; number: string; themes: Array<{ id: string; name: string }> }>;
  items: readonly AgreementItem[];
}): AgreementView {
  const pooled: TwoByTwo = { both: 0, aOnly: 0, bOnly: 0, neither: 0 };
  const kappas: number[] = [];
  let items = 0;
  const questions: QuestionAgreementView[] = input.questions.map((q) => {
    const mine = input.items.filter((it) => it.questionId === q.id);
    const double = mine.filter((it) => it.aCoded && it.bCoded);
    const ids = q.themes.map((t) => t.id);
    const idSet = new Set(ids);
    const rep = agreement(
      double.map((it) => ({ itemId: String(it.responseId), coderA: it.a, coderB: it.b })),
      ids,
    );
    items += rep.items;
    const names = new Map(q.themes.map((t) => [t.id, t.name]));
    const themes: ThemeAgreementView[] = rep.themes.map((t) => {
      if (t.kappa !== null) kappas.push(t.kappa);
      pooled.both += t.table.both;
      pooled.aOnly += t.table.aOnly;
      pooled.bOnly += t.table.bOnly;
      pooled.neither += t.table.neither;
      return { themeId: t.themeId, name: names.get(t.themeId) ?? t.themeId, ...kappaView(t, t.table) };
    });
    const qPooled = themes.reduce<TwoByTwo>(
      (s, t) => ({
        both: s.both + t.table.both,
        aOnly: s.aOnly + t.table.aOnly,
        bOnly: s.bOnly + t.table.bOnly,
        neither: s.neither + t.table.neither,
      }),
      { both: 0, aOnly: 0, bOnly: 0, neither: 0 },
    );
    return {
      questionId: q.id,
      number: q.number,
      sampled: mine.length,
      doubleCoded: double.length,
      themes,
      pooled: kappaView(rep.pooledKappa, qPooled),
      meanKappa: rep.meanKappa,
      exactMatch: rep.exactMatch,
      conflicts: mine.filter((it) => isConflict(it, idSet)).length,
    };
  });
  const overall = binaryKappa(pooled);
  return {
    packageId: input.packageId,
    coderA: input.coderA,
    coderB: input.coderB,
    questions,
    overall: {
      ...kappaView(overall, pooled),
      items,
      meanKappa: kappas.length ? kappas.reduce((s, k) => s + k, 0) / kappas.length : null,
    },
    note: UNDEFINED_KAPPA_NOTE,
  };
}
