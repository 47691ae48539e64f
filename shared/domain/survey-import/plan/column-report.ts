import type { ColumnMapping, Layout } from '../types';

/**
 * What each column of an imported export became, listed with the import's outcome (the CLI's
 * `columns`, the wizard's table) and kept with the batch: nothing leaves a file unseen.
 * - answer / option / rank / other-text / explanation: part of the answer to `questionId` (a rank
 *   column is one place of a ranking, `field` its number, its cells the option put there);
 * - respondent: an "About you" detail (`field`);
 * - meta: the response's id, times or channel (`field`);
 * - kept: kept with each response as it was received, shown and exported, not analysed;
 * - left-out: not kept (an empty column, or one the official chose to leave out).
 */
export type ImportedColumnRole =
  'answer' | 'option' | 'rank' | 'other-text' | 'explanation' | 'respondent' | 'meta' | 'kept' | 'left-out';

export interface ImportedColumn {
  /** 0-based, as the columns of the file. */
  index: number;
  /** The header as the file has it (for an export with several header rows, as read together). */
  header: string;
  /** The header exactly as the file has it, when the app cleaned it for display (HTML, entities, spaces). */
  rawHeader?: string;
  /** Each header row's own cell, when the export has several (Qualtrics' short name, label and import id). */
  headerRows?: string[];
  role: ImportedColumnRole;
  questionId?: string;
  /** The respondent or metadata field; for an option column, the option's id. */
  field?: string;
}

export function columnReport(layout: Layout, mapping: ColumnMapping): ImportedColumn[] {
  return layout.columns.map((col): ImportedColumn => {
    const base = {
      index: col.index,
      header: col.header,
      ...(col.rawHeader !== undefined ? { rawHeader: col.rawHeader } : {}),
      ...(col.headerParts.length > 1 ? { headerRows: col.headerParts } : {}),
    };
    const t = mapping[col.index] ?? { kind: 'ignore' as const };
    switch (t.kind) {
      case 'question':
        if (typeof t.part === 'object')
          return 'rank' in t.part
            ? { ...base, role: 'rank', questionId: t.questionId, field: String(t.part.rank) }
            : { ...base, role: 'option', questionId: t.questionId, field: t.part.optionId };
        return { ...base, role: t.part, questionId: t.questionId };
      case 'respondent':
        return { ...base, role: 'respondent', field: t.field };
      case 'meta':
        return { ...base, role: 'meta', field: t.field };
      case 'keep':
        return { ...base, role: 'kept' };
      default:
        return { ...base, role: 'left-out' };
    }
  });
}
