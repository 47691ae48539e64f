import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Draft } from '#shared/domain/draft/model';
import { exampleDraft } from '#shared/domain/draft/example';
import { generateResponses, type GenerateOptions, type SyntheticResponse } from '../../generators/synthetic';
import { writeLayout, type LayoutName } from '../../generators/layouts';
import { encodeTable, type CsvOptions, type FileFormat } from '../../generators/encode';
import { testRouter } from '../../harness/router';

/**
 * Responses tests run through the real Router on real workspace files in a temp folder, with
 * survey exports made by the synthetic generator (which also says what each row should become).
 */
export const CLOCK = () => new Date('2027-06-01T10:00:00Z');

export async function workspaceWith(
  dir: string,
  template: 'example' | 'blank' | 'standard' = 'example',
  name = 'responses.consult',
  opts: { taskWorker?: string; background?: boolean } = {},
) {
  const r = testRouter(dir, CLOCK, opts);
  const summary = await r.call('workspace.create', {
    path: join(dir, name),
    title: 'One online place for NHS information',
    from: { kind: 'template', template },
  });
  return { ...r, path: summary.path, consultationId: summary.consultationId };
}

export interface SurveyFile {
  path: string;
  responses: SyntheticResponse[];
  draft: Draft;
}

/** A survey export written by the generator: `count` responses in `layout`, as `format`. */
export function writeSurvey(
  dir: string,
  name: string,
  opts: {
    layout?: LayoutName;
    format?: FileFormat;
    count?: number;
    seed?: number;
    draft?: Draft;
    generate?: Partial<GenerateOptions>;
    csv?: CsvOptions;
  } = {},
): SurveyFile {
  const draft = opts.draft ?? exampleDraft();
  const responses = generateResponses(draft, { count: opts.count ?? 40, seed: opts.seed ?? 1, ...opts.generate });
  const table = writeLayout(opts.layout ?? 'microsoft-forms', draft, responses);
  const path = join(dir, name);
  writeFileSync(path, encodeTable(table, opts.format ?? 'csv', opts.csv ?? {}));
  return { path, responses, draft };
}

/** A CSV from rows as given (header first). */
export function writeCsv(dir: string, name: string, rows: string[][], csv: CsvOptions = {}): string {
  const path = join(dir, name);
  writeFileSync(path, encodeTable(rows, 'csv', csv));
  return path;
}
