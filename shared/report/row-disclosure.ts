/**
 * Disclosure control for the published rows (R-PUB3): the responses CSV and the workbook's Responses
 * sheet give each respondent's details beside their answers, so without care a reader could count
 * rows and get back a figure the tables withhold, or pick out the one respondent of a kind in a place.
 * Two rules, both at the publication's threshold:
 *
 * 1. **Answers behind withheld cells.** A question published as a cross-tab by respondent type has
 *    cells withheld as [c] (small, or withheld to protect a small one). In the rows, an answer whose
 *    respondent type and option fall in a withheld cell is itself shown as [c]. Counting the rows then
 *    gives, for every withheld cell, nothing; for the rest, what the table shows — the table's own
 *    protection, no more and no less. (Each answer is one option, so a row is in one cell per table.)
 * 2. **Small combinations of details.** Respondents whose combination of published details (responding
 *    as, respondent type, region, as the tables label them) is shared by fewer than the threshold have
 *    their region shown as [c]; if the combination without region is still that small, their type too.
 *    The withheld pool is topped up to at least the threshold from the next-smallest combinations, so
 *    that the count of withheld regions cannot be traced back to one place.
 */
import { SUPPRESSED } from '../analysis/suppression';
import type { PublishableCrossTab } from '../analysis/suppression';

export type GroupedField = 'respondingAs' | 'type' | 'region';

/** The counted responses' grouped details, encoded (from the analysis cache's response index). */
export interface RowAttributes {
  /** Response ids, one per position. */
  ids: ArrayLike<number>;
  fields: Partial<Record<GroupedField, { levels: readonly string[]; codes: ArrayLike<number> }>>;
}

export interface RowDisclosure {
  /** Response ids (as the rows carry them) whose detail is shown as [c]. */
  withheld: Partial<Record<GroupedField, ReadonlySet<string>>>;
  /** Per question id: the cross-tab's field key and its withheld cells, `${level}\u0000${optionId}`. */
  hiddenCells: ReadonlyMap<string, { fieldKey: string; cells: ReadonlySet<string> }>;
  /** Sentences for the Notes sheet, with the numbers. */
  notes: string[];
}

export const NO_ROW_DISCLOSURE: RowDisclosure = { withheld: {}, hiddenCells: new Map(), notes: [] };

/** The withheld cells of each published cross-tab: questions by their cross-tab's field. */
export function hiddenCrossTabCells(
  tables: ReadonlyArray<{
    questionId: string;
    levels: ReadonlyArray<string | null>;
    optionIds: readonly string[];
    table: PublishableCrossTab;
  }>,
): Map<string, { fieldKey: string; cells: Set<string> }> {
  const out = new Map<string, { fieldKey: string; cells: Set<string> }>();
  for (const t of tables) {
    const cells = new Set<string>();
    t.table.counts.forEach((row, r) =>
      row.forEach((v, c) => {
        const level = t.levels[r];
        if (v === SUPPRESSED && level != null) cells.add(`${level}\u0000${t.optionIds[c]}`);
      }),
    );
    if (cells.size) out.set(t.questionId, { fieldKey: t.table.fieldKey, cells });
  }
  return out;
}

/** Rule 2: the respondents whose region (and type) are withheld, by small combinations of details. */
export function smallCombinations(
  attrs: RowAttributes,
  labels: Partial<Record<GroupedField, ReadonlyMap<string, string>>>,
  threshold: number,
): Pick<RowDisclosure, 'withheld' | 'notes'> {
  const n = attrs.ids.length;
  const label = (f: GroupedField, i: number): string => {
    const field = attrs.fields[f];
    if (!field) return '';
    const code = field.codes[i]!;
    if (code < 0) return '';
    const raw = field.levels[code]!;
    return labels[f]?.get(raw) ?? raw;
  };
  const hasRegion = !!attrs.fields.region;
  const hasType = !!attrs.fields.type;
  if (!hasRegion && !hasType) return { withheld: {}, notes: [] };
  const withoutRegion = new Array<string>(n);
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    withoutRegion[i] = `${label('respondingAs', i)}\u0000${label('type', i)}`;
    const key = `${withoutRegion[i]}\u0000${label('region', i)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  }
  const region = new Set<number>();
  if (hasRegion) {
    const sorted = [...groups.values()].sort((a, b) => a.length - b.length);
    for (const g of sorted) if (g.length < threshold) for (const i of g) region.add(i);
    // A pool smaller than the threshold could be traced back through the published region counts:
    // top it up from the next-smallest combinations.
    for (const g of sorted) {
      if (region.size === 0 || region.size >= threshold || region.size === n) break;
      if (g.length >= threshold) for (const i of g) region.add(i);
    }
  }
  const type = new Set<number>();
  if (hasType) {
    // Among those whose region is withheld, the combination without it must hold the threshold too.
    const rest = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const key = region.has(i) || !hasRegion ? withoutRegion[i]! : null;
      if (key === null) continue;
      let g = rest.get(key);
      if (!g) rest.set(key, (g = []));
      g.push(i);
    }
    const sorted = [...rest.values()].sort((a, b) => a.length - b.length);
    for (const g of sorted) if (g.length < threshold) for (const i of g) type.add(i);
    for (const g of sorted) {
      if (type.size === 0 || type.size >= threshold || type.size === n) break;
      if (g.length >= threshold) for (const i of g) type.add(i);
    }
  }
  const ids = (s: Set<number>): Set<string> => new Set([...s].map((i) => String(attrs.ids[i])));
  const notes: string[] = [];
  const count = (k: number) => `${k.toLocaleString('en-GB')} respondent${k === 1 ? '' : 's'}`;
  if (region.size)
    notes.push(
      `To keep respondents from being picked out, the region of ${count(region.size)} is shown as [c] in the ` +
        `responses: fewer than ${threshold} shared their combination of how they responded, type and region.`,
    );
  if (type.size)
    notes.push(
      `For the same reason the respondent type of ${count(type.size)} is shown as [c]: fewer than ${threshold} ` +
        'shared their combination of how they responded and type.',
    );
  return {
    withheld: {
      ...(region.size ? { region: ids(region) } : {}),
      ...(type.size ? { type: ids(type) } : {}),
    },
    notes,
  };
}

/** The note for rule 1, when any question's rows hide answers. */
export function hiddenAnswersNote(threshold: number): string {
  return (
    'In the responses, an answer to a question tabulated by respondent type is shown as [c] where the table ' +
    `withholds that type and answer (fewer than ${threshold} respondents, or withheld to protect such a figure), ` +
    'so the rows cannot be counted to find it.'
  );
}
