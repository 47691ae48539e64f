import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildOutput, defaultFormId, OUTPUT_KINDS } from '#electron/services/documents/consultation-outputs';
import { Package } from '../../harness/ooxml-read';
import { badDraft, CTX, richDraft } from './fixtures';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('deterministic outputs', () => {
  it(
    'gives byte-identical files for the same draft and ' + 'clock, even after other documents were made in between',
    async () => {
      const first = await Promise.all(OUTPUT_KINDS.map((kind) => buildOutput(kind, richDraft(), CTX)));
      // Other documents in between move the docx library's process-wide counters (bookmarks, drawings).
      await buildOutput('consultation-docx', badDraft(), { ...CTX, now: new Date('2030-01-01T00:00:00Z') });
      await buildOutput('response-form-docx', badDraft(), CTX);
      const second = await Promise.all(OUTPUT_KINDS.map((kind) => buildOutput(kind, richDraft(), CTX)));
      OUTPUT_KINDS.forEach((kind, i) => expect(sha(second[i]!), kind).toBe(sha(first[i]!)));
    },
  );

  it('stamps the clock it is given, not the wall clock, in properties and ZIP entries', async () => {
    const now = new Date('2027-02-15T10:30:00Z');
    for (const kind of OUTPUT_KINDS.filter((k) => k !== 'consultation-html')) {
      const pkg = new Package(await buildOutput(kind, richDraft(), { ...CTX, now }));
      const core = pkg.text('docProps/core.xml');
      expect(core, kind).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2027-02-15T10:30:00Z</dcterms:created>');
      expect(core, kind).toContain(
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2027-02-15T10:30:00Z</dcterms:modified>',
      );
    }
    const a = await buildOutput('response-form-xlsx', richDraft(), { ...CTX, now });
    // DOS time of the first local header (offset 10): 10:30:00 → 10<<11 | 30<<5.
    expect(new DataView(a.buffer, a.byteOffset).getUint16(10, true)).toBe((10 << 11) | (30 << 5));
  });

  it('changes when the clock or the draft changes', async () => {
    const a = await buildOutput('consultation-docx', richDraft(), CTX);
    const b = await buildOutput('consultation-docx', richDraft(), { ...CTX, now: new Date('2027-02-16T10:30:00Z') });
    const d = richDraft();
    d.metadata.title = 'Another title';
    const c = await buildOutput('consultation-docx', d, CTX);
    expect(new Set([sha(a), sha(b), sha(c)]).size).toBe(3);
  });

  it('derives the form id from the consultation and the clock unless one is given', async () => {
    const id = defaultFormId(CTX.consultationId, CTX.now);
    expect(id).toMatch(/^form-[0-9a-f]{16}$/);
    expect(defaultFormId(CTX.consultationId, CTX.now)).toBe(id);
    expect(defaultFormId(CTX.consultationId, new Date(CTX.now.getTime() + 1000))).not.toBe(id);
    const withDefault = new Package(await buildOutput('response-form-docx', richDraft(), CTX)).text(
      'docProps/custom.xml',
    );
    expect(withDefault).toContain(id);
    const given = new Package(
      await buildOutput('response-form-docx', richDraft(), { ...CTX, formId: 'issue-2027-03' }),
    ).text('docProps/custom.xml');
    expect(given).toContain('>issue-2027-03<');
  });
});
