/**
 * The analyst's review of theme suggestions: accept (optionally renamed and described), reject,
 * or merge into another suggestion. Only suggestions with a decision are used; nothing is applied
 * without one. The result is codebook themes for the question and, per theme, the answers the
 * suggestion grouped — for the caller to offer as suggested codings that a person confirms, never
 * as final codes.
 */
import type { CodebookTheme } from './codebook';
import type { ThemeSuggestion } from './themes';

/** How an accepted suggestion's description starts when the official wrote none: the machine's words. */
export const MACHINE_DESCRIPTION_PREFIX = 'Suggested from answers mentioning: ';

/** R-PUB5: a description is published only as the official wrote it, never the machine's. */
export const officialDescription = (description: string): string =>
  description.startsWith(MACHINE_DESCRIPTION_PREFIX) ? '' : description;

export type ThemeDecision =
  | { suggestionId: string; action: 'accept'; name?: string; description?: string }
  | { suggestionId: string; action: 'reject' }
  | { suggestionId: string; action: 'merge'; intoId: string };

export interface ReviewedThemes {
  themes: CodebookTheme[];
  /** Codebook theme id → answer ids from the accepted (and merged) suggestions. */
  suggestedMembers: Record<string, string[]>;
  /** Decisions that could not be applied, in words. */
  problems: string[];
}

export function applyThemeReview(
  suggestions: readonly ThemeSuggestion[],
  decisions: readonly ThemeDecision[],
  opts: { questionId: string; themeId?: (s: ThemeSuggestion) => string },
): ReviewedThemes {
  const byId = new Map(suggestions.map((s) => [s.id, s]));
  const decision = new Map<string, ThemeDecision>();
  const problems: string[] = [];
  for (const d of decisions) {
    if (!byId.has(d.suggestionId)) problems.push(`There is no suggestion ${d.suggestionId}.`);
    else decision.set(d.suggestionId, d);
  }
  // Follow merge chains to the accepted suggestion they end in.
  const target = (id: string): string | null => {
    const seen = new Set<string>();
    let cur = id;
    for (;;) {
      if (seen.has(cur)) return null;
      seen.add(cur);
      const d = decision.get(cur);
      if (!d || d.action === 'reject') return null;
      if (d.action === 'accept') return cur;
      cur = d.intoId;
    }
  };
  const themes: CodebookTheme[] = [];
  const suggestedMembers: Record<string, string[]> = {};
  const themeOf = new Map<string, string>();
  for (const s of suggestions) {
    const d = decision.get(s.id);
    if (d?.action !== 'accept') continue;
    const id = opts.themeId?.(s) ?? `theme-${s.id.replace(/^suggested-/, '')}`;
    themeOf.set(s.id, id);
    themes.push({
      id,
      name: (d.name ?? s.label).trim() || s.label,
      description: d.description ?? `${MACHINE_DESCRIPTION_PREFIX}${s.keyPhrases.join('; ')}.`,
      parentId: null,
      questionIds: [opts.questionId],
      codable: true,
      colour: null,
    });
    suggestedMembers[id] = [];
  }
  for (const s of suggestions) {
    const d = decision.get(s.id);
    if (!d || d.action === 'reject') continue;
    const t = target(s.id);
    if (t === null) {
      problems.push(
        `“${s.label}” was merged into a suggestion that was rejected, not decided, or merged back into it.`,
      );
      continue;
    }
    const list = suggestedMembers[themeOf.get(t)!]!;
    const have = new Set(list);
    for (const m of s.memberIds) if (!have.has(m)) list.push(m);
  }
  return { themes, suggestedMembers, problems };
}
