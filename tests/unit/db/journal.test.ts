import { describe, expect, it, afterEach } from 'vitest';
import { appendFileSync, readFileSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { JournalWriter, JOURNAL_MAGIC, readJournal, goodLength } from '#electron/services/core/db/journal';
import type { JournalRecord } from '#electron/services/core/db/database';
import { tempDir } from '../../harness/temp';

const rec = (n: number): JournalRecord => ({
  at: `2027-03-01T00:00:0${n % 10}.000Z`,
  sql: ['INSERT INTO t (a, b) VALUES (?, ?)'],
  ops: [[0, [n, `row ${n} – “quotes” and emoji 🙂`]]],
});

describe('change journal', () => {
  const t = tempDir();
  afterEach(() => undefined);

  it('round-trips records, including blobs and nulls', () => {
    const p = t.path('a.journal');
    const w = JournalWriter.openFresh(p, { workspaceId: 'w1', generation: 3 });
    w.append(rec(1));
    w.append({
      at: 'x',
      sql: ['UPDATE t SET c = ?'],
      ops: [
        [0, [new Uint8Array([0, 1, 254, 255])]],
        [0, [null]],
      ],
    });
    w.close();
    const j = readJournal(p);
    expect(j.header).toEqual({ workspaceId: 'w1', generation: 3 });
    expect(j.tornTail).toBe(false);
    expect(j.records).toHaveLength(2);
    expect(j.records[0]).toEqual(rec(1));
    expect(Array.from(j.records[1]!.ops[0]![1][0] as Uint8Array)).toEqual([0, 1, 254, 255]);
    expect(j.records[1]!.ops[1]![1][0]).toBeNull();
  });

  it('drops a torn final record and keeps everything before it', () => {
    const p = t.path('b.journal');
    const w = JournalWriter.openFresh(p, { workspaceId: 'w1', generation: 1 });
    for (let i = 0; i < 5; i++) w.append(rec(i));
    w.close();
    const full = statSync(p).size;
    truncateSync(p, full - 7); // cut into the last frame, as a crash mid-append would
    const j = readJournal(p);
    expect(j.tornTail).toBe(true);
    expect(j.records.map((r) => r.ops[0]![1][0])).toEqual([0, 1, 2, 3]);
    expect(goodLength(p)).toBeLessThan(full - 7);
  });

  it('stops at a record whose checksum does not match', () => {
    const p = t.path('c.journal');
    const w = JournalWriter.openFresh(p, { workspaceId: 'w1', generation: 1 });
    w.append(rec(1));
    w.append(rec(2));
    w.close();
    const buf = readFileSync(p);
    buf[buf.length - 3] = buf[buf.length - 3]! ^ 0xff; // flip a byte inside the last payload
    writeFileSync(p, buf);
    const j = readJournal(p);
    expect(j.records).toHaveLength(1);
    expect(j.tornTail).toBe(true);
  });

  it('continues after the good frames, cutting garbage off first', () => {
    const p = t.path('d.journal');
    const w = JournalWriter.openFresh(p, { workspaceId: 'w1', generation: 1 });
    w.append(rec(1));
    w.close();
    appendFileSync(p, Buffer.from([1, 2, 3])); // garbage tail
    const good = goodLength(p);
    const w2 = JournalWriter.openContinuing(p, good, 1);
    w2.append(rec(2));
    w2.close();
    const j = readJournal(p);
    expect(j.tornTail).toBe(false);
    expect(j.records).toHaveLength(2);
  });

  it('reset leaves only the header of the new generation', () => {
    const p = t.path('e.journal');
    const w = JournalWriter.openFresh(p, { workspaceId: 'w1', generation: 1 });
    w.append(rec(1));
    w.reset({ workspaceId: 'w1', generation: 2 });
    w.close();
    const j = readJournal(p);
    expect(j.header?.generation).toBe(2);
    expect(j.records).toHaveLength(0);
    expect(readFileSync(p).subarray(0, 8).equals(JOURNAL_MAGIC)).toBe(true);
  });

  it('treats a missing or empty journal as no journal', () => {
    expect(readJournal(t.path('missing')).header).toBeNull();
    writeFileSync(t.path('empty'), '');
    expect(readJournal(t.path('empty')).records).toHaveLength(0);
  });
});
