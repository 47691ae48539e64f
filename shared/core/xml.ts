/**
 * A small, safe XML reader and writer for the subset the app exchanges (REFI-QDA codebooks):
 * elements, attributes, text, CDATA, comments, processing instructions, the five predefined
 * entities and numeric character references. It refuses DOCTYPE and entity declarations outright,
 * so there is no entity expansion ("billion laughs") and no external entity fetching (XXE), and it
 * caps size and depth. Namespaces are not resolved: prefixes are dropped from names (`qda:Code` →
 * `Code`) and xmlns attributes are kept as ordinary attributes.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content directly inside this element (not in children). */
  text: string;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at character ${offset})`);
    this.name = 'XmlError';
  }
}

const MAX_CHARS = 50_000_000;
const MAX_DEPTH = 256;
const NAME = /^[A-Za-z_:][\w.\-:\u00b7\u00c0-\uffff]*/;

function localName(n: string): string {
  const i = n.indexOf(':');
  return i >= 0 && !n.startsWith('xmlns') ? n.slice(i + 1) : n;
}

function decodeEntities(s: string, at: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new XmlError(`Unterminated entity ${m}`, at);
    switch (body) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    if (body.startsWith('#')) {
      const cp = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        throw new XmlError(`Invalid character reference ${m}`, at);
      return String.fromCodePoint(cp);
    }
    throw new XmlError(`Unknown entity ${m} (only the five predefined entities are allowed)`, at);
  });
}

/** Parses a document and returns its root element. Throws XmlError on anything malformed or unsafe. */
export function parseXml(input: string): XmlElement {
  if (input.length > MAX_CHARS) throw new XmlError('The file is too large', 0);
  // XML line-end normalisation (XML 1.0 §2.11): CRLF and lone CR read as LF.
  const s = (input.startsWith('\ufeff') ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const n = s.length;
  while (i < n) {
    const lt = s.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const raw = s.slice(i, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.text += decodeEntities(raw, i);
      else if (raw.trim()) throw new XmlError('Text outside the root element', i);
    }
    if (lt < 0) break;
    i = lt;
    if (s.startsWith('<!--', i)) {
      const e = s.indexOf('-->', i + 4);
      if (e < 0) throw new XmlError('Unclosed comment', i);
      i = e + 3;
    } else if (s.startsWith('<![CDATA[', i)) {
      const e = s.indexOf(']]>', i + 9);
      if (e < 0) throw new XmlError('Unclosed CDATA section', i);
      const top = stack[stack.length - 1];
      if (!top) throw new XmlError('CDATA outside the root element', i);
      top.text += s.slice(i + 9, e);
      i = e + 3;
    } else if (s.startsWith('<!', i)) {
      // <!DOCTYPE …> and <!ENTITY …>: refused, never expanded.
      throw new XmlError('Document type and entity declarations are not allowed', i);
    } else if (s.startsWith('<?', i)) {
      const e = s.indexOf('?>', i + 2);
      if (e < 0) throw new XmlError('Unclosed processing instruction', i);
      i = e + 2;
    } else if (s.startsWith('</', i)) {
      const e = s.indexOf('>', i);
      if (e < 0) throw new XmlError('Unclosed end tag', i);
      const name = localName(s.slice(i + 2, e).trim());
      const top = stack.pop();
      if (!top || top.name !== name) throw new XmlError(`Unexpected </${name}>`, i);
      i = e + 1;
    } else {
      const m = NAME.exec(s.slice(i + 1, i + 1 + 1000));
      if (!m) throw new XmlError('Malformed tag', i);
      const el: XmlElement = { name: localName(m[0]), attrs: {}, children: [], text: '' };
      i += 1 + m[0].length;
      // Attributes.
      for (;;) {
        while (i < n && /\s/.test(s[i]!)) i++;
        if (i >= n) throw new XmlError('Unclosed start tag', i);
        if (s[i] === '>' || s.startsWith('/>', i)) break;
        const am = NAME.exec(s.slice(i, i + 1000));
        if (!am) throw new XmlError('Malformed attribute', i);
        i += am[0].length;
        while (i < n && /\s/.test(s[i]!)) i++;
        if (s[i] !== '=') throw new XmlError('Attribute without a value', i);
        i++;
        while (i < n && /\s/.test(s[i]!)) i++;
        const q = s[i];
        if (q !== '"' && q !== "'") throw new XmlError('Attribute value not quoted', i);
        const e = s.indexOf(q, i + 1);
        if (e < 0) throw new XmlError('Unclosed attribute value', i);
        const rawVal = s.slice(i + 1, e);
        if (rawVal.includes('<')) throw new XmlError('"<" in an attribute value', i);
        // Attribute-value normalisation: literal white space characters become spaces.
        el.attrs[localName(am[0])] = decodeEntities(rawVal.replace(/[\t\n\r]/g, ' '), i);
        i = e + 1;
      }
      const selfClosing = s[i] === '/';
      i += selfClosing ? 2 : 1;
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) throw new XmlError('More than one root element', i);
      else root = el;
      if (!selfClosing) {
        stack.push(el);
        if (stack.length > MAX_DEPTH) throw new XmlError('Elements nested too deeply', i);
      }
    }
  }
  if (stack.length) throw new XmlError(`<${stack[stack.length - 1]!.name}> is not closed`, n);
  if (!root) throw new XmlError('No root element', 0);
  return root;
}

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/FFFF): removed. */
const INVALID_XML = new RegExp(
  [
    String.raw`[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|`,
    String.raw`(?<![\ud800-\udbff])[\udc00-\udfff]`,
  ].join(''),
  'g',
);

export function escapeXmlText(s: string): string {
  // CR is written as a reference, or a reader's line-end normalisation would turn it into LF.
  return s
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
