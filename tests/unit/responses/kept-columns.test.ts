import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../harness/temp';
import { writeCsv, workspaceWith } from './helpers';

/**
 * Nothing in an export is left unseen: the survey tool's own columns (an IP address, progress, a
 * duration) are kept with each response as received and shown with it, and the import lists every
 * column with what it became.
 */
let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-kept-');
});
afterEach(() => t.cleanup());

describe('columns that are not answers', () => {
  it('are kept with each response as received, shown with it, and listed with what every column became', async () => {
    const ws = await workspaceWith(t.dir);
    const path = writeCsv(t.dir, 'forms.csv', [
      [
        'ID',
        'Start time',
        'Completion time',
        'IP Address',
        'Duration (in seconds)',
        '',
        'To what extent do you agree that there should be one online front door for NHS information and services?',
        'What is your name?',
      ],
      ['1', '3/1/27 10:00:00', '3/1/27 10:05:00', '10.0.0.1', '300', '', 'Agree', 'Ann'],
      ['2', '3/1/27 11:00:00', '3/1/27 11:02:00', '10.0.0.2', '', '', 'Disagree', ''],
    ]);
    const out = await ws.call('responses.import', { paths: [path] });
    expect(out.imported).toBe(2);
    expect(out.columns.map((c) => [c.index, c.role, c.field ?? c.questionId ?? null])).toEqual([
      [0, 'meta', 'externalId'],
      [1, 'meta', 'startedAt'],
      [2, 'meta', 'submittedAt'],
      [3, 'kept', null],
      [4, 'kept', null],
      [5, 'left-out', null],
      [6, 'answer', 'example-q1'],
      [7, 'respondent', 'name'],
    ]);
    expect(out.columns[3]!.header).toBe('IP Address');
    expect(out.batches[0]!.columns).toEqual(out.columns);

    const list = await ws.call('responses.list', { offset: 0, limit: 10 });
    const byRow = new Map(list.rows.map((r) => [r.sourceRow, r.id]));
    const first = await ws.call('responses.get', { id: byRow.get(2)! });
    expect(first.kept).toEqual([
      { header: 'IP Address', value: '10.0.0.1' },
      { header: 'Duration (in seconds)', value: '300' },
    ]);
    const second = await ws.call('responses.get', { id: byRow.get(3)! });
    expect(second.kept).toEqual([{ header: 'IP Address', value: '10.0.0.2' }]);
  });
});
