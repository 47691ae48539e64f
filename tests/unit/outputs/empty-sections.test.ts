import { describe, expect, it } from 'vitest';
import { standardTemplate } from '#shared/domain/draft/template';
import { buildConsultationDocx } from '#electron/services/documents/consultation-outputs';
import { Package, wordParagraphs } from '../../harness/ooxml-read';
import { CTX } from './fixtures';

/**
 * A template section nobody wrote in is left out of the consultation document, not printed as a
 * heading with nothing under it (issue 18, item 9); How to respond and confidentiality are then
 * generated from the details, as when the draft has no such section.
 */
describe('empty template sections', () => {
  it('leaves out the sections with nothing written, and keeps the one that was written', async () => {
    let n = 0;
    const draft = standardTemplate('Rural bus services', () => `s${++n}`);
    const background = draft.sections.find((s) => s.kind === 'background')!;
    background.body = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Rural routes have fallen by a quarter.' }] }],
    };
    const pkg = new Package(await buildConsultationDocx(draft, CTX));
    const texts = wordParagraphs(pkg.xml('word/document.xml')).map((p) => p.text);
    expect(texts).toContain('Background');
    expect(texts).toContain('Rural routes have fallen by a quarter.');
    for (const s of draft.sections.filter(
      (x) => x.id !== background.id && !['how-to-respond', 'confidentiality'].includes(x.kind),
    ))
      expect(texts, `the empty section “${s.title}”`).not.toContain(s.title);
    // Generated instead of left empty.
    expect(texts).toContain('How to respond');
    expect(texts).toContain('Confidentiality and data protection');
    const how = texts.indexOf('How to respond');
    expect(texts[how + 1]!.trim().length).toBeGreaterThan(0);
  });
});
