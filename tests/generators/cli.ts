/**
 * Synthetic survey exports for benchmarks and manual testing:
 *
 *   node --import tsx tests/generators/cli.ts --count 100000 --layout surveymonkey --format csv --out FILE
 *     [--seed 1] [--encoding utf-8|utf-8-bom|utf-16le|utf-16be|windows-1252] [--delimiter ';']
 *     [--draft example|bench|FILE.json] [--truth TRUTH.json] [--open-lengths 35,45,20]
 *
 * Layouts: microsoft-forms, surveymonkey (expanded), surveymonkey-condensed, qualtrics,
 * citizen-space, decidim, plain. Formats: csv, xlsx, xls, ods. --truth writes the ground truth
 * (campaign members, planted duplicates, canonical organisations) as JSON.
 */
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { draftSchema, type Draft } from '#shared/domain/draft/model';
import { exampleDraft } from '#shared/domain/draft/example';
import { generateResponses } from './synthetic';
import { LAYOUT_NAMES, writeLayout, externalIdFor, type LayoutName } from './layouts';
import { csvText, encodeText, encodeTable, type CsvEncoding, type FileFormat } from './encode';
import { benchDraft } from './drafts';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function fail(msg: string): never {
  process.stderr.write(`${msg}\n`);
  process.exit(2);
}

const count = Number(arg('count', '1000'));
const layout = arg('layout', 'plain') as LayoutName;
const format = arg('format', 'csv') as FileFormat;
const out = arg('out') ?? fail('--out FILE is required');
if (!Number.isInteger(count) || count < 1) fail('--count must be a whole number above 0');
if (!LAYOUT_NAMES.includes(layout)) fail(`--layout must be one of ${LAYOUT_NAMES.join(', ')}`);
if (!['csv', 'xlsx', 'xls', 'ods'].includes(format)) fail('--format must be csv, xlsx, xls or ods');
const draftArg = arg('draft', 'example')!;
const draft: Draft =
  draftArg === 'example'
    ? exampleDraft()
    : draftArg === 'bench'
      ? benchDraft()
      : draftSchema.parse(JSON.parse(readFileSync(draftArg, 'utf8')));

const t0 = Date.now();
const lengths = arg('open-lengths');
const responses = generateResponses(draft, {
  count,
  seed: Number(arg('seed', '1')),
  ...(lengths ? { openLengths: lengths.split(',').map(Number) as [number, number, number] } : {}),
});
const table = writeLayout(layout, draft, responses);
const encoding = (arg('encoding', 'utf-8') as CsvEncoding) ?? 'utf-8';
const delimiter = arg('delimiter', layout === 'decidim' ? ';' : ',')!;
let size = 0;
if (format === 'csv') {
  // In batches: 500,000 responses make a file larger than one JavaScript string may be.
  const fd = openSync(out, 'w');
  for (let i = 0; i < table.length; i += 5000) {
    let chunk = encodeText(csvText(table.slice(i, i + 5000), { delimiter }), encoding);
    if (i > 0 && encoding !== 'utf-8' && encoding !== 'windows-1252')
      chunk = chunk.subarray(encoding === 'utf-8-bom' ? 3 : 2);
    writeSync(fd, chunk);
    size += chunk.length;
  }
  closeSync(fd);
} else {
  const bytes = encodeTable(table, format, { encoding, delimiter });
  writeFileSync(out, bytes);
  size = bytes.length;
}
const truthFile = arg('truth');
if (truthFile)
  writeFileSync(
    truthFile,
    JSON.stringify(
      responses.map((r) => ({ seq: r.seq, externalId: externalIdFor(layout, r.seq), ...r.truth })),
      null,
      0,
    ),
  );
process.stdout.write(
  `${JSON.stringify({ out, layout, format, responses: count, bytes: size, seconds: (Date.now() - t0) / 1000 })}\n`,
);
