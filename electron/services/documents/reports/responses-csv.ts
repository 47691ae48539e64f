import type { Writable } from 'node:stream';
import { toCsv } from '#shared/core/spreadsheet-safety';
import type { ConsultationReport } from '#shared/report/index';
import { xmlSafe } from '../../formats/text-safety';
import { prepareForOutput, type ReportContext } from './report-context';
import { ByteSink, type StreamedOutput } from '../../formats/zip/byte-sink';

/**
 * Every response as CSV: UTF-8 with a byte order mark (so Excel reads it as UTF-8), RFC 4180
 * (commas, CRLF, quotes doubled), one header row, the same columns and redaction as the
 * workbook's Responses sheet. Every value that a spreadsheet could run as a formula (=, +, -, @,
 * tab, line break first) is prefixed with an apostrophe (shared/analysis toCsv). Streamed in
 * batches; the same report always gives the same bytes (a CSV has no clock in it).
 */
const BATCH = 500;

export async function buildResponsesCsv(
  report: ConsultationReport,
  ctx: ReportContext,
  out: string | Writable,
): Promise<StreamedOutput> {
  const { prepared } = prepareForOutput(report, ctx);
  const sink = new ByteSink(out);
  const enc = new TextEncoder();
  try {
    await sink.write(enc.encode(toCsv([prepared.rowColumns.map((c) => c.header)], { bom: true })));
    let batch: string[][] = [];
    for await (const row of prepared.rows({ flags: false })) {
      // Control characters other than tab and line breaks are never meaningful and confuse other tools.
      batch.push(row.cells.map((c) => (typeof c === 'number' ? String(c) : xmlSafe(c))));
      if (batch.length >= BATCH) {
        await sink.write(enc.encode(toCsv(batch, { bom: false })));
        batch = [];
      }
    }
    if (batch.length) await sink.write(enc.encode(toCsv(batch, { bom: false })));
    return await sink.end();
  } catch (e) {
    sink.destroy();
    throw e;
  }
}
