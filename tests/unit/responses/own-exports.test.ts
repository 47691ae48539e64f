import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../harness/temp';
import { checkNothingLost } from '../../harness/nothing-lost';
import type { ImportedColumnRole } from '#shared/domain/survey-import/index';
import type { QuestionType } from '#shared/domain/draft/model';

/**
 * Our own small exports, one folder per survey tool (tests/fixtures/survey-exports, README.md there
 * says which documented layout each follows), put through the same check as the real exports:
 * imported with questions created into a blank workspace, exported again and compared cell by
 * cell, with the responses and questions a reader would count, and what chosen columns became.
 */
const ROOT = fileURLToPath(new URL('../../fixtures/survey-exports', import.meta.url));

interface Expected {
  /** The file, in its tool's folder. */
  file: string;
  /** Which sheet to read, for a workbook with several. */
  sheet?: string;
  responses: number;
  /** Numbered questions plus "About you" details, as a reader of the survey counts them. */
  questions: [number, number];
  /** Rows rejected for review (a ragged row, say); 0 when not given. */
  rejected?: number;
  /** The header of the column read as the time each response was received. */
  received?: string;
  /** What chosen columns must become, by their header as the file has it (the first such column). */
  roles?: Record<string, ImportedColumnRole>;
  /** The type of the question chosen columns went into, by header. */
  types?: Record<string, QuestionType>;
  /** Why this fixture exists: the quirk it carries. */
  note: string;
}

const tools = existsSync(ROOT)
  ? readdirSync(ROOT, { withFileTypes: true }).filter(
      (d) => d.isDirectory() && existsSync(join(ROOT, d.name, 'expected.json')),
    )
  : [];

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-own-exports-');
});
afterEach(() => t.cleanup());

describe('our own exports of every tool: every answer kept, nothing invented', () => {
  it('has fixtures', () => expect(tools.length).toBeGreaterThan(0));
  for (const tool of tools) {
    const expected = JSON.parse(readFileSync(join(ROOT, tool.name, 'expected.json'), 'utf8')) as Expected[];
    describe(tool.name, () => {
      for (const e of expected) {
        it(`${e.file}${e.sheet ? ` [${e.sheet}]` : ''}: ${e.note}`, async () => {
          const r = await checkNothingLost(join(ROOT, tool.name, e.file), t.dir, e.sheet ? { sheet: e.sheet } : {});
          const readerCount = r.numbered + r.respondentFields.length;
          const byHeader = (h: string) =>
            r.columns.find((c) => [c.header, c.rawHeader ?? '', ...(c.headerRows ?? [])].some((x) => x.trim() === h));
          expect.soft(r.problems).toEqual([]);
          expect.soft(r.headerEchoes).toEqual([]);
          expect
            .soft({ responses: r.imported, rejected: r.rejected })
            .toEqual({ responses: e.responses, rejected: e.rejected ?? 0 });
          expect
            .soft(
              readerCount,
              `${r.numbered} numbered questions + ${r.respondentFields.length} About-you details; ` +
                `columns ${r.columns.map((c) => `${c.header}=${c.role}`).join(' | ')}`,
            )
            .toBeGreaterThanOrEqual(e.questions[0]);
          expect
            .soft(readerCount, `columns ${r.columns.map((c) => `${c.header}=${c.role}`).join(' | ')}`)
            .toBeLessThanOrEqual(e.questions[1]);
          if (e.received)
            expect
              .soft(byHeader(e.received), `the received column "${e.received}"`)
              .toMatchObject({ role: 'meta', field: 'submittedAt' });
          for (const [h, role] of Object.entries(e.roles ?? {}))
            expect.soft(byHeader(h)?.role, `the column "${h}"`).toBe(role);
          for (const [h, type] of Object.entries(e.types ?? {})) {
            const c = byHeader(h);
            expect
              .soft(c?.questionId ? r.questionTypes[c.questionId] : undefined, `the question of the column "${h}"`)
              .toBe(type);
          }
        }, 60_000);
      }
    });
  }
});
