import { readZip, writeZip } from '#electron/services/formats/zip/zip';

/**
 * Opening produced OOXML packages in tests: parts by name, parsed with a real namespace-aware
 * XML parser (jsdom's DOMParser), so assertions look at the markup Word and Excel will read.
 */
export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
export const DC = 'http://purl.org/dc/elements/1.1/';

// jsdom ships no types of its own (and @types/jsdom is not installed): load it by name, typed here.
const jsdomModule: string = 'jsdom';
const { JSDOM } = (await import(jsdomModule)) as {
  JSDOM: new (
    html: string,
    options: { url: string },
  ) => { window: { DOMParser: typeof globalThis.DOMParser; XMLSerializer: typeof globalThis.XMLSerializer } };
};
const { DOMParser, XMLSerializer } = new JSDOM('', { url: 'http://localhost/' }).window;
export const serializeXml = (doc: Document): string => new XMLSerializer().serializeToString(doc);

export class Package {
  readonly files: Map<string, Uint8Array>;
  constructor(bytes: Uint8Array) {
    this.files = readZip(bytes);
  }
  text(name: string): string {
    const f = this.files.get(name);
    if (!f) throw new Error(`The package has no part ${name}`);
    return new TextDecoder().decode(f);
  }
  /** Replaces a part (used to fill in forms as a respondent's program would). */
  set(name: string, content: string): void {
    this.files.set(name, new TextEncoder().encode(content));
  }
  /** The package as a ZIP again, entries in their original order. */
  bytes(mtime = new Date('2027-03-15T12:00:00Z')): Uint8Array {
    return writeZip(
      [...this.files].map(([name, data]) => ({ name, data })),
      mtime,
    );
  }
  xml(name: string): Document {
    const doc = new DOMParser().parseFromString(this.text(name), 'application/xml');
    const err = doc.getElementsByTagName('parsererror')[0];
    if (err) throw new Error(`${name} is not well-formed XML: ${err.textContent ?? ''}`);
    return doc;
  }
}

export const byNs = (el: Document | Element, ns: string, local: string): Element[] =>
  Array.from(el.getElementsByTagNameNS(ns, local));
export const wAttr = (el: Element, local: string): string | null => el.getAttributeNS(W, local);

/** The text of a Word paragraph (w:t, tabs and breaks). */
export function paragraphText(p: Element): string {
  let s = '';
  const walk = (n: Element) => {
    for (const c of Array.from(n.children)) {
      if (c.namespaceURI === W && c.localName === 't') s += c.textContent ?? '';
      else if (c.namespaceURI === W && c.localName === 'tab') s += '\t';
      else if (c.namespaceURI === W && c.localName === 'br') s += '\n';
      else if (!(c.namespaceURI === W && (c.localName === 'instrText' || c.localName === 'delText'))) walk(c);
    }
  };
  walk(p);
  return s;
}

/** Body paragraphs of a Word document with their style ids, in order (including those in tables). */
export function wordParagraphs(doc: Document): { style: string; text: string; el: Element }[] {
  return byNs(doc, W, 'p').map((p) => {
    const pStyle = byNs(p, W, 'pStyle')[0];
    return { style: pStyle ? (wAttr(pStyle, 'val') ?? '') : 'Normal', text: paragraphText(p), el: p };
  });
}
