import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  answerOptions,
  CLOSED_TYPES,
  OTHER_OPTION_ID,
  questionNumbers,
  type Draft,
  type QuestionType,
} from '#shared/domain/draft/model';
import { isOtherHeader } from '#shared/domain/survey-import/detect/header-vocabulary';
import {
  detectLayout,
  isBlankMarker,
  normaliseLabel,
  OptionMatcher,
  parseSurveyTime,
  type ImportedColumn,
} from '#shared/domain/survey-import/index';
import { isYes, RESPONDENT_KEY_LABELS, type ImportOutcome, type RespondentKey } from '#shared/domain/responses/store';
import { responseFieldsFor } from '#shared/report/fields';
import { receivedText } from '#shared/report/rows';
import { tickValue } from '#shared/domain/survey-import/values/text-match';
import { readSourceFile } from '#electron/services/formats/read/index';
import { testRouter } from './router';

/**
 * The "nothing lost" check for one export file: import it with questions created into a blank
 * workspace, export the internal responses CSV (redaction none), and compare cell by cell. Every
 * non-empty cell of every data row must come back out: an answer in its question's columns
 * (options by their labels, anything else in the comments), a respondent detail in its column,
 * the tool's id and times in theirs, every other column kept as received in a column of its own.
 * Every data row must be a response, a rejected row (kept whole for review) or blank.
 */
export interface LossReport {
  file: string;
  imported: number;
  rejected: number;
  blank: number;
  dataRows: number;
  /** Questions created (matrix rows each one). */
  questions: number;
  /** Questions with a number of their own (a matrix's rows 3a, 3b… count once). */
  numbered: number;
  /** "About you" details the columns were read into, where anyone gave one (first and last name count once). */
  respondentFields: string[];
  columns: ImportedColumn[];
  /** Each created question's type, by its id. */
  questionTypes: Record<string, QuestionType>;
  /** Each a sentence naming the row and column; empty when nothing was lost. */
  problems: string[];
  /** Rows imported as responses that read like a header row (their cells are the columns' own labels). */
  headerEchoes: number[];
}

const HEADERISH = /^(response|open-ended response|\{\s*['"]importid['"]\s*:.*\})$/i;

/**
 * A row whose cells are mostly its columns' own header texts, "Response" or ImportId objects: a header row taken as a
 * response.
 */
function echoesHeader(cells: string[], columns: ImportedColumn[], headerTexts: Map<number, Set<string>>): boolean {
  let seen = 0;
  let echo = 0;
  for (const c of columns) {
    if (c.role === 'option' || c.role === 'left-out') continue; // an option column holds its own label when ticked
    const v = (cells[c.index] ?? '').trim();
    if (!v) continue;
    seen++;
    if (HEADERISH.test(v) || headerTexts.get(c.index)?.has(norm(v))) echo++;
  }
  return seen >= 3 && echo / seen >= 0.8;
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
const RESPONDENT_KEYS = Object.keys(RESPONDENT_KEY_LABELS) as RespondentKey[];

export async function checkNothingLost(
  file: string,
  dir: string,
  options: { sheet?: string } = {},
): Promise<LossReport> {
  const { router, call } = testRouter(dir);
  try {
    await call('workspace.create', {
      path: join(dir, 'lost.consult'),
      title: 'Nothing lost',
      from: { kind: 'template', template: 'blank' },
    });
    const outcome: ImportOutcome = await call('responses.import', {
      paths: [file],
      createQuestions: true,
      detect: false,
      ...options,
    });
    const csvPath = join(dir, 'internal.csv');
    await call('outputs.export', {
      allowUnfinished: true,
      kind: 'responses-csv',
      path: csvPath,
      redaction: 'none',
      exportAnyway: true,
    });
    const { draft } = (await call('draft.get', {})) as { draft: Draft };

    const csv = Papa.parse<string[]>(readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, ''), {
      skipEmptyLines: true,
    }).data;
    const head = csv[0]!;
    const col = (name: string) => head.indexOf(name);
    const rowOf = new Map<number, string[]>();
    const sourceRowCol = col('Row in the source');
    for (const r of csv.slice(1)) rowOf.set(Number(r[sourceRowCol]), r);

    const table = readSourceFile(
      new Uint8Array(readFileSync(file)),
      basename(file),
      options.sheet ? { sheet: options.sheet } : {},
    );
    const layout = detectLayout(table);
    const numbers = questionNumbers(draft);
    const byId = new Map(draft.questions.map((q) => [q.id, q]));
    const labels = new Map(responseFieldsFor(draft.aboutYou, RESPONDENT_KEYS).map((f) => [f.key, f.label]));
    const keptHeaders = outcome.columns.filter((c) => c.role === 'kept');
    const distinctKept = [
      ...new Set(keptHeaders.map((c) => (c.header.trim() || `Column ${c.index + 1}`).toLowerCase())),
    ];
    const keptCol = (c: ImportedColumn) =>
      head.length -
      distinctKept.length +
      distinctKept.indexOf((c.header.trim() || `Column ${c.index + 1}`).toLowerCase());

    const problems: string[] = [];
    const problem = (row: number, c: ImportedColumn, what: string) =>
      problems.length < 200 && problems.push(`row ${row}, column ${c.index + 1} ("${c.header.slice(0, 60)}"): ${what}`);
    let blank = 0;
    let dataRows = 0;
    const headerEchoes: number[] = [];
    const headerTexts = new Map<number, Set<string>>();
    for (const c of outcome.columns)
      headerTexts.set(
        c.index,
        new Set(
          [
            c.header,
            ...(c.headerRows ?? []),
            ...table.cells.slice(0, layout.dataStart).map((row) => row[c.index] ?? ''),
          ]
            .map(norm)
            .filter(Boolean),
        ),
      );
    const rejectedRows = new Set((outcome.rejected ?? []).map((r) => r.row));
    for (let r = layout.dataStart; r < table.cells.length; r++) {
      const cells = table.cells[r]!;
      const sourceRow = table.rowNumbers[r] ?? r + 1;
      if (cells.every((c) => c.trim() === '')) {
        blank++;
        continue;
      }
      dataRows++;
      if (rejectedRows.has(sourceRow)) continue; // kept whole, with the reason, for review
      const out = rowOf.get(sourceRow);
      if (out && echoesHeader(cells, outcome.columns, headerTexts)) headerEchoes.push(sourceRow);
      if (!out) {
        problems.push(`row ${sourceRow}: neither a response nor a rejected row`);
        continue;
      }
      for (const c of outcome.columns) {
        const raw = cells[c.index] ?? '';
        const v = raw.trim();
        if (!v || isBlankMarker(v)) continue;
        const has = (name: string, value: string) => {
          const i = col(name);
          return i >= 0 && norm(out[i] ?? '').includes(norm(value));
        };
        const q = c.questionId ? byId.get(c.questionId) : undefined;
        const n = q ? numbers.get(q.id) : undefined;
        switch (c.role) {
          case 'left-out':
            problem(sourceRow, c, `"${v.slice(0, 40)}" is in a column that was left out`);
            break;
          case 'kept':
            if (norm(out[keptCol(c)] ?? '') !== norm(raw) && !norm(out[keptCol(c)] ?? '').includes(norm(raw)))
              problem(sourceRow, c, `kept as "${(out[keptCol(c)] ?? '').slice(0, 40)}", not "${v.slice(0, 40)}"`);
            break;
          case 'respondent': {
            if ((c.field === 'name' || c.field === 'email') && normaliseLabel(v) === 'anonymous') break;
            // Confidentiality and consent are flags the redaction reads, in columns of their own:
            // consent in the respondent's words when they say more than yes or no.
            if (c.field === 'confidential') {
              if (!has('Asked for confidentiality', isYes(v) ? 'Yes' : 'No'))
                problem(sourceRow, c, `"${v.slice(0, 40)}" is not in the confidentiality column`);
              break;
            }
            if (c.field === 'publishConsent') {
              if (!has('Consented to publication', /^(yes|no|y|n)$/i.test(v) ? (isYes(v) ? 'Yes' : 'No') : v))
                problem(sourceRow, c, `"${v.slice(0, 40)}" is not in the consent column`);
              break;
            }
            const label = labels.get(c.field as RespondentKey);
            if (!label || !has(label, v))
              problem(sourceRow, c, `"${v.slice(0, 40)}" is not in the ${label ?? c.field} column`);
            break;
          }
          case 'meta':
            if (c.field === 'externalId' && !has('ID in the source', v))
              problem(sourceRow, c, `the id "${v}" is not in the export`);
            if (c.field === 'submittedAt' || c.field === 'startedAt') {
              const shown = out[col(c.field === 'submittedAt' ? 'Received' : 'Started')] ?? '';
              const as = [parseSurveyTime(v, 'dmy'), parseSurveyTime(v, 'mdy')].map((iso) =>
                iso ? receivedText(iso) : v,
              );
              if (
                !as.includes(shown) &&
                !(c.field === 'submittedAt' && shown && as.some((a) => a.slice(0, 10) === shown.slice(0, 10)))
              )
                problem(sourceRow, c, `the time "${v}" shows as "${shown}"`);
            }
            break;
          case 'rank': {
            // The cell names the option put in this place: that option is in the answer, or the cell is kept as
            // written.
            if (!q || !n) {
              problem(sourceRow, c, 'mapped to a question that is not in the draft');
              break;
            }
            const id = new OptionMatcher(answerOptions(q)).matchOne(v);
            const label = answerOptions(q).find((o) => o.id === id)?.label;
            if (!(label && has(`Q${n} answer`, label)) && !has(`Q${n} comments`, v))
              problem(sourceRow, c, `"${v.slice(0, 40)}" (place ${c.field}) is not in question ${n}'s columns`);
            break;
          }
          case 'answer':
          case 'option':
          case 'other-text':
          case 'explanation': {
            if (!q || !n) {
              problem(sourceRow, c, 'mapped to a question that is not in the draft');
              break;
            }
            const answer = `Q${n} answer`;
            const comments = CLOSED_TYPES.has(q.type) ? `Q${n} comments` : answer;
            const anywhere = (value: string) => has(answer, value) || has(comments, value);
            if (c.role === 'other-text' || c.role === 'explanation' || !CLOSED_TYPES.has(q.type)) {
              if (!anywhere(v)) problem(sourceRow, c, `"${v.slice(0, 40)}" is not in question ${n}'s columns`);
              break;
            }
            const opts = answerOptions(q);
            if (c.role === 'option') {
              const label = opts.find((o) => o.id === c.field)?.label;
              const tick = tickValue(v);
              if (tick === false) break;
              if (!label || !(has(answer, label) || anywhere(v)))
                problem(
                  sourceRow,
                  c,
                  `option "${label ?? c.field}" (cell "${v.slice(0, 30)}") is not in question ${n}'s answer`,
                );
              // A tick, or the option's own text, says only "chosen"; a rank says where (kept by the order);
              // anything else — a rating in a matrix row — is information of its own and must be there too.
              const saysOnlyChosen =
                tick === true ||
                norm(v) === norm(label ?? '') ||
                (q.type === 'ranking' && /^\d{1,3}$/.test(v)) ||
                (c.field === OTHER_OPTION_ID && isOtherHeader(v));
              if (!saysOnlyChosen && !anywhere(v))
                problem(sourceRow, c, `"${v.slice(0, 40)}" under option "${label ?? c.field}" is not kept`);
              break;
            }
            const m = new OptionMatcher(opts);
            const found = q.type === 'multi_choice' || q.type === 'ranking' ? m.multi(v) : m.single(v);
            for (const id of found.optionIds) {
              const label = opts.find((o) => o.id === id)?.label ?? id;
              if (!has(answer, label) && !anywhere(v))
                problem(sourceRow, c, `option "${label}" is not in question ${n}'s answer`);
            }
            for (const u of found.unknown)
              if (!anywhere(u)) problem(sourceRow, c, `"${u.slice(0, 40)}" is not in question ${n}'s columns`);
            break;
          }
        }
      }
    }
    return {
      file: basename(file),
      imported: outcome.imported,
      rejected: outcome.rejected.length,
      blank,
      dataRows,
      questions: draft.questions.length,
      numbered: draft.questions.filter((q) => !q.continues).length,
      // A detail a reader counts is one somebody gave: a column empty in every row asked nothing.
      respondentFields: [
        ...new Set(
          outcome.columns
            .filter(
              (c) =>
                c.role === 'respondent' &&
                table.cells.slice(layout.dataStart).some((r) => (r[c.index] ?? '').trim() !== ''),
            )
            .map((c) => c.field!),
        ),
      ],
      columns: outcome.columns,
      questionTypes: Object.fromEntries(draft.questions.map((q) => [q.id, q.type])),
      problems,
      headerEchoes,
    };
  } finally {
    await router.shutdown();
  }
}
