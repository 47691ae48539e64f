import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Draft } from '#shared/domain/draft/model';
import { exampleDraft } from '#shared/domain/draft/example';
import type { RespondentFieldKey } from '#shared/domain/draft/model';
import {
  generateResponses,
  type GenerateOptions,
  type SyntheticAnswer,
  type SyntheticResponse,
} from '../../generators/synthetic';
import { writeLayout } from '../../generators/layouts';
import { encodeTable } from '../../generators/encode';
import { testRouter } from '../../harness/router';

/**
 * Analysis tests run through the real Router on real workspace files: the example consultation,
 * responses written as a Microsoft Forms export (hand-made, so every figure can be worked out by
 * hand, or generated) and imported through the responses services.
 */
export const CLOCK = () => new Date('2027-06-01T10:00:00Z');

export async function analysisWorkspace(
  dir: string,
  name = 'analysis.consult',
  title = 'One online place for NHS information and services',
) {
  const r = testRouter(dir, CLOCK);
  const summary = await r.call('workspace.create', {
    path: join(dir, name),
    title,
    from: { kind: 'template', template: 'example' },
  });
  return { ...r, path: summary.path, consultationId: summary.consultationId };
}

export type Ws = Awaited<ReturnType<typeof analysisWorkspace>>;

/** A hand-made response: seq (1-based), respondent fields, answers by question id. */
export function hand(
  seq: number,
  respondent: Partial<Record<RespondentFieldKey, string>>,
  answers: Record<string, SyntheticAnswer>,
): SyntheticResponse {
  const t = Date.UTC(2027, 2, 10, 9) + seq * 3600_000;
  return {
    seq,
    startedAt: new Date(t),
    submittedAt: new Date(t + 600_000),
    respondent,
    answers,
    truth: { campaign: null, personalAddition: null, duplicateOf: null, organisation: null, typos: false },
  };
}

/** Write responses as a Microsoft Forms CSV export and import it. Returns the batch id. */
export async function importResponses(
  ws: Ws,
  dir: string,
  file: string,
  rs: SyntheticResponse[],
  draft: Draft = exampleDraft(),
): Promise<number> {
  const path = join(dir, file);
  writeFileSync(path, encodeTable(writeLayout('microsoft-forms', draft, rs), 'csv'));
  const out = await ws.call('responses.import', { paths: [path] });
  if (out.rejected.length) throw new Error(`rejected: ${JSON.stringify(out.rejected.slice(0, 3))}`);
  return out.batchId!;
}

export async function importGenerated(
  ws: Ws,
  dir: string,
  file: string,
  opts: GenerateOptions,
): Promise<SyntheticResponse[]> {
  const rs = generateResponses(exampleDraft(), opts);
  await importResponses(ws, dir, file, rs);
  return rs;
}

/** Response ids in import order (response id = first id + seq − 1 for one batch). */
export async function responseIds(ws: Ws): Promise<number[]> {
  const list = await ws.call('responses.list', { offset: 0, limit: 1000, order: 'asc', filters: { status: 'all' } });
  return list.rows.map((r) => r.id);
}
