import { z } from 'zod';
import { call } from '../spec';
import {
  EXPORT_KINDS,
  type ExportKindInfo,
  type ExportLogEntry,
  type ExportResult,
  type PublicationCheckItem,
} from '../../domain/exports';

const path = z.string().min(1, 'Enter where to save the file').max(4096);

export const outputsContract = {
  'outputs.list': call<{ kinds: (ExportKindInfo & { suggestedPath: string; lastExport: ExportLogEntry | null })[] }>()(
    z.strictObject({}),
    'query',
  ),
  'outputs.export': call<ExportResult>()(
    z.strictObject({
      kind: z.enum(EXPORT_KINDS),
      path,
      redaction: z.enum(['none', 'redacted']).optional(),
      /** Produce the document although the standard checker reports errors. */
      exportAnyway: z.boolean().optional(),
      /**
       * Publish although the publication check found problems (R-PUB6, R-PUB7): the document is then
       * marked "Draft" on every page.
       */
      allowUnfinished: z.boolean().optional(),
    }),
    'job',
  ),
  'outputs.log': call<ExportLogEntry[]>()(z.strictObject({}), 'query'),
  /**
   * The publication check (R-PUB6, R-PUB7) as it stands now, without exporting: what a publication-level
   * export of the government response, workbook, briefing or CSV would be refused or warned about.
   */
  'outputs.publicationCheck': call<{ findings: PublicationCheckItem[]; checkedAt: string }>()(
    z.strictObject({}),
    'query',
  ),
} as const;
