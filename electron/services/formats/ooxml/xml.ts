/**
 * Just enough XML for reading OOXML parts back (returned forms, our own packages in tests): a
 * non-validating parser into a small element tree, and escaping for writing. OOXML parts are
 * plain XML without DTDs, so entities are the five predefined ones and character references.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {}

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

const ATTR = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** Parses a whole document; returns the root element. */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const top = stack[stack.length - 1]!;
    if (lt < 0) {
      const rest = text.slice(i);
      if (rest.trim()) top.children.push(decodeEntities(rest));
      break;
    }
    if (lt > i) top.children.push(decodeEntities(text.slice(i, lt)));
    if (text.startsWith('<?', lt)) {
      const e = text.indexOf('?>', lt);
      if (e < 0) throw new XmlError('Unterminated processing instruction');
      i = e + 2;
    } else if (text.startsWith('<!--', lt)) {
      const e = text.indexOf('-->', lt);
      if (e < 0) throw new XmlError('Unterminated comment');
      i = e + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const e = text.indexOf(']]>', lt);
      if (e < 0) throw new XmlError('Unterminated CDATA');
      top.children.push(text.slice(lt + 9, e));
      i = e + 3;
    } else if (text.startsWith('<!', lt)) {
      const e = text.indexOf('>', lt);
      if (e < 0) throw new XmlError('Unterminated declaration');
      i = e + 1;
    } else if (text[lt + 1] === '/') {
      const e = text.indexOf('>', lt);
      if (e < 0) throw new XmlError('Unterminated end tag');
      const name = text.slice(lt + 2, e).trim();
      const open = stack.pop();
      if (!open || open.name !== name || stack.length === 0) throw new XmlError(`Mismatched end tag </${name}>`);
      i = e + 1;
    } else {
      // Find the end of the tag, skipping '>' inside quoted attribute values.
      let j = lt + 1;
      let quote = '';
      for (; j < n; j++) {
        const c = text[j];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      if (j >= n) throw new XmlError('Unterminated start tag');
      const selfClosing = text[j - 1] === '/';
      const inner = text.slice(lt + 1, selfClosing ? j - 1 : j);
      const sp = inner.search(/\s/);
      const name = sp < 0 ? inner : inner.slice(0, sp);
      const attrs: Record<string, string> = {};
      if (sp >= 0) {
        for (const m of inner.slice(sp).matchAll(ATTR)) attrs[m[1]!] = decodeEntities(m[3] ?? m[4] ?? '');
      }
      const el: XmlElement = { name, attrs, children: [] };
      top.children.push(el);
      if (!selfClosing) stack.push(el);
      i = j + 1;
    }
  }
  if (stack.length !== 1) throw new XmlError(`Unclosed element <${stack[stack.length - 1]!.name}>`);
  const first = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!first) throw new XmlError('No root element');
  return first;
}

/** The local part of a prefixed name: "w:tbl" → "tbl". */
export const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

export function childElements(el: XmlElement, local?: string): XmlElement[] {
  return el.children.filter(
    (c): c is XmlElement => typeof c !== 'string' && (local === undefined || localName(c.name) === local),
  );
}

/** Every descendant element with this local name, in document order (not descending into matches). */
export function findAll(el: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (localName(c.name) === local) out.push(c);
      else walk(c);
    }
  };
  walk(el);
  return out;
}

export function textContent(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
