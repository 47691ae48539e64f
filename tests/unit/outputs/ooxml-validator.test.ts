import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsultationDocx, buildQuestionsXlsx } from '#electron/services/documents/consultation-outputs';
import { exampleDraft } from '#shared/domain/draft/example';
import { validateOoxml } from '../../harness/ooxml';
import { Package } from '../../harness/ooxml-read';
import { tempDir } from '../../harness/temp';
import { CTX, writeTo } from './fixtures';

/**
 * The schema check itself (tests/tools/ooxml, libxml2 in WebAssembly): it must still say no.
 * Every "passes the OOXML schema validator" test elsewhere is only worth something if these fail.
 */
const tmp = tempDir('cw-ooxml-check-');
let docx: Package;
let xlsx: Package;
beforeAll(async () => {
  docx = new Package(await buildConsultationDocx(exampleDraft(), CTX));
  xlsx = new Package(await buildQuestionsXlsx(exampleDraft(), CTX));
});
afterAll(() => tmp.cleanup());

const W_DECL = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

describe('the OOXML schema check', () => {
  it('passes the document as the app writes it', async () => {
    const v = await validateOoxml(writeTo(tmp.dir, 'good.docx', docx.bytes()));
    expect(v.ok, v.output).toBe(true);
    expect(v.output).toMatch(/valid \(\d+ parts checked/);
  });

  it('fails a document with an element out of schema order (a paragraph whose properties follow its run)', async () => {
    const xml = docx.text('word/document.xml');
    const swapped = xml.replace(/<w:p>(<w:pPr>.*?<\/w:pPr>)(<w:r>.*?<\/w:r>)/, '<w:p>$2$1');
    expect(swapped).not.toBe(xml);
    const bad = new Package(docx.bytes());
    bad.set('word/document.xml', swapped);
    const v = await validateOoxml(writeTo(tmp.dir, 'bad-order.docx', bad.bytes()));
    expect(v.ok).toBe(false);
    expect(v.output).toContain('word/document.xml (against wml.xsd)');
    expect(v.output).toMatch(/pPr.*This element is not expected/);
  });

  it('fails an unknown attribute, and a part that is not well-formed XML', async () => {
    const bad = new Package(xlsx.bytes());
    bad.set('xl/workbook.xml', xlsx.text('xl/workbook.xml').replace('<sheets>', '<sheets madeUp="1">'));
    const v1 = await validateOoxml(writeTo(tmp.dir, 'bad-attr.xlsx', bad.bytes()));
    expect(v1.ok).toBe(false);
    expect(v1.output).toMatch(/xl\/workbook\.xml \(against sml\.xsd\)[\s\S]*madeUp/);

    const broken = new Package(xlsx.bytes());
    broken.set('xl/workbook.xml', '<workbook><sheets></workbook>');
    const v2 = await validateOoxml(writeTo(tmp.dir, 'broken.xlsx', broken.bytes()));
    expect(v2.ok).toBe(false);
    expect(v2.output).toContain('xl/workbook.xml: not well-formed XML');
  });

  it(
    'applies markup compatibility as Office does: an ignorable extension passes, the same outside mc:Ignorable ' +
      'fails',
    async () => {
      const xml = docx.text('word/document.xml');
      const ext = 'xmlns:xq="http://example.org/made-up-extension"';
      // The app's documents already declare mc:Ignorable="w14 w15 wp14"; the made-up prefix joins it or not.
      expect(xml).toContain('mc:Ignorable="w14 w15 wp14"');
      const withExt = (ignorable: boolean) =>
        xml
          .replace(W_DECL, `${W_DECL} ${ext}`)
          .replace('mc:Ignorable="w14 w15 wp14"', `mc:Ignorable="w14 w15 wp14${ignorable ? ' xq' : ''}"`)
          .replace('<w:body>', '<w:body><xq:extra xq:flag="1"/>');
      const ok = new Package(docx.bytes());
      ok.set('word/document.xml', withExt(true));
      const v1 = await validateOoxml(writeTo(tmp.dir, 'ignorable.docx', ok.bytes()));
      expect(v1.ok, v1.output).toBe(true);
      const bad = new Package(docx.bytes());
      bad.set('word/document.xml', withExt(false));
      expect((await validateOoxml(writeTo(tmp.dir, 'not-ignorable.docx', bad.bytes()))).ok).toBe(false);
    },
  );

  it('says a file that is not a ZIP package is invalid, rather than throwing', async () => {
    const v = await validateOoxml(writeTo(tmp.dir, 'not.docx', new TextEncoder().encode('hello')));
    expect(v.ok).toBe(false);
    expect(v.output).toMatch(/not a readable ZIP package/);
  });
});
