import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { tempDir } from '../../harness/temp';
import { workspaceWith, writeCsv } from './helpers';

/**
 * The review list: rows an import could not read are kept with the reason and the raw row, and
 * can be fixed and accepted (into the same batch) or discarded with a reason. Never dropped.
 */
let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-responses-review-');
});
afterEach(() => t.cleanup());

const HEADER = [
  'Response ID',
  'Your name',
  'To what extent do you agree that there should be one online front door for NHS information and services in England?',
  'What, if anything, would stop you from using one front door for NHS services?',
];

describe('rejected rows', () => {
  it(
    'keeps bad rows with the reason and the raw row; fixing one makes it a response of the batch, discarding ' +
      'needs a reason',
    async () => {
      const ws = await workspaceWith(t.dir);
      const path = writeCsv(t.dir, 'export.csv', [
        HEADER,
        ['R1', 'Ann', 'Agree', 'Nothing'],
        ['R2', 'Bob', 'Disagree', 'The cost', 'stray cell from a comma out of place'],
        ['R3', '', '', ''],
        ['R4', 'Cat', 'Strongly agree', 'x'.repeat(200_001)],
        ['R5', 'Dan', 'Agree', 'Broadband'],
      ]);
      const out = await ws.call('responses.import', { paths: [path] });
      // An id and nothing else is the tool's record of a response with nothing answered: a response, flagged.
      expect(out.imported).toBe(3);
      expect(out.rejected).toEqual([
        { file: 'export.csv', row: 3, reason: expect.stringMatching(/^Row 3 has 5 cells but the header has 4/) },
        {
          file: 'export.csv',
          row: 5,
          reason: expect.stringMatching(/^Row 5, column "What, if anything.*200,001 characters/),
        },
      ]);
      const batches = await ws.call('responses.batches', {});
      expect(batches[0]).toMatchObject({ imported: 3, rejected: 2, openRejected: 2 });
      const empty = (await ws.call('responses.list', { offset: 0, limit: 10 })).rows.find((r) => r.sourceRow === 4)!;
      expect((await ws.call('responses.get', { id: empty.id })).issues.map((i) => i.message)).toEqual([
        expect.stringMatching(/^Nothing was answered/),
      ]);

      const list = await ws.call('responses.rejected', {});
      expect(list.total).toBe(2);
      const bob = list.rows[0]!;
      expect(bob.raw).toEqual([
        ...HEADER.map((h, i) => [h, ['R2', 'Bob', 'Disagree', 'The cost'][i]!]),
        ['Column 5', 'stray cell from a comma out of place'],
      ]);

      // A fix that still leaves the stray cell is refused with the reason.
      const still = await ws.fails('responses.acceptRejected', { id: bob.id, values: bob.raw });
      expect(still.message).toMatch(/still cannot be read: Row 3 has 5 cells/);
      const fixed = bob.raw.map(
        ([h, v]) =>
          [
            h,
            h === 'Column 5' ? '' : h.startsWith('What, if') ? `${v}, a stray cell from a comma out of place` : v,
          ] as [string, string],
      );
      const accepted = await ws.call('responses.acceptRejected', { id: bob.id, values: fixed });
      const r = await ws.call('responses.get', { id: accepted.responseId });
      expect(r.batch.id).toBe(out.batchId);
      expect(r.externalId).toBe('R2');
      expect(r.answers.map((a) => [a.questionId, a.optionIds, a.text])).toEqual([
        ['example-q1', ['likert-disagree'], ''],
        ['example-q3', [], 'The cost, a stray cell from a comma out of place'],
      ]);
      expect((await ws.call('responses.search', { query: 'stray' })).results.map((h) => h.responseId)).toEqual([
        accepted.responseId,
      ]);

      const [cat] = (await ws.call('responses.rejected', {})).rows;
      expect(await ws.fails('responses.discardRejected', { id: cat!.id, reason: '   ' })).toMatchObject({
        code: 'invalid-input',
      });
      // The contract's complaint names what is wrong in words.
      expect(await ws.fails('responses.acceptRejected', { id: cat!.id, values: cat!.raw })).toMatchObject({
        code: 'invalid-input',
        message: 'An item in the values is too long: at most 200,000 characters.',
      });
      await ws.call('responses.discardRejected', {
        id: cat!.id,
        reason: 'Pasted a whole document by mistake; asked them to resend.',
      });
      expect((await ws.call('responses.rejected', {})).total).toBe(0);
      const all = await ws.call('responses.rejected', { status: 'all' });
      expect(all.rows.map((x) => [x.sourceRow, x.status, x.resolvedBy])).toEqual([
        [3, 'accepted', 'tester'],
        [5, 'discarded', 'tester'],
      ]);
      expect(all.rows[1]!.note).toMatch(/Pasted a whole document/);
      expect(
        await ws.fails('responses.acceptRejected', {
          id: cat!.id,
          values: cat!.raw.map(([h, v]) => [h, v.slice(0, 100)] as [string, string]),
        }),
      ).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already discarded/) });
      expect((await ws.call('responses.batches', {}))[0]).toMatchObject({ imported: 4, openRejected: 0, responses: 4 });

      // Undoing the batch removes the accepted response and the review rows with it.
      await ws.call('responses.undoBatch', { batchId: out.batchId! });
      expect((await ws.call('responses.rejected', { status: 'all' })).total).toBe(0);
      await ws.router.shutdown();
    },
  );

  it(
    'an unclosed quote that swallows the rest of the file ' + 'is rejected with the rows it swallowed, not lost',
    async () => {
      const ws = await workspaceWith(t.dir);
      const path = t.path('cut.csv');
      writeFileSync(
        path,
        `${HEADER.map((h) => `"${h}"`).join(',')}\r\nR1,Ann,Agree,Fine\r\nR2,Bob,"Disagree,Unclosed quote ` +
          `here\r\nR3,Cat,Agree,Fine\r\nR4,Dan,Agree`,
      );
      const out = await ws.call('responses.import', { paths: [path] });
      expect(out.imported).toBe(1);
      expect(out.rejected).toEqual([{ file: 'cut.csv', row: 3, reason: expect.stringMatching(/quote/i) }]);
      const raw = (await ws.call('responses.rejected', {})).rows[0]!.raw.map(([, v]) => v).join('|');
      expect(raw).toContain('R3,Cat,Agree,Fine');
      expect(raw).toContain('R4,Dan,Agree');
      await ws.router.shutdown();
    },
  );
});
