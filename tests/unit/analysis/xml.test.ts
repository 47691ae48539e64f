import { describe, expect, it } from 'vitest';
import { escapeXmlAttr, escapeXmlText, parseXml, XmlError } from '#shared/core/xml';

describe('parseXml (the safe subset)', () => {
  it('reads elements, attributes in either quotes, entities, character references, CDATA, comments and PIs', () => {
    const root = parseXml(
      `<?xml version="1.0"?>\n<!-- a comment --><qda:Root xmlns:qda="urn:x" a='1' b="x &amp; y &lt;z&gt; ` +
        `&quot;q&quot; &apos;s&apos;">text &#65;&#x42; <![CDATA[<raw & kept>]]><?pi ignored?><Child ` +
        `c="&#10;line"/></qda:Root>`,
    );
    expect(root.name).toBe('Root');
    expect(root.attrs).toMatchObject({ a: '1', b: 'x & y <z> "q" \'s\'', 'xmlns:qda': 'urn:x' });
    expect(root.text).toBe('text AB <raw & kept>');
    expect(root.children[0]).toMatchObject({ name: 'Child', attrs: { c: '\nline' } });
  });

  it('normalises line ends, and literal white space in attribute values', () => {
    const root = parseXml('<a v="x\ty\nz">one\r\ntwo\rthree</a>');
    expect(root.attrs.v).toBe('x y z');
    expect(root.text).toBe('one\ntwo\nthree');
  });

  it.each([
    ['<!DOCTYPE a><a/>', /not allowed/],
    ['<a>&custom;</a>', /Unknown entity/],
    ['<a>&amp</a>', /Unterminated entity/],
    ['<a>&#xD800;</a>', /Invalid character reference/],
    ['<a><b></a>', /Unexpected <\/a>/],
    ['<a>', /not closed/],
    ['<a/><b/>', /More than one root/],
    ['text<a/>', /Text outside/],
    ['', /No root/],
    ['<a b=1/>', /not quoted/],
    ['<a b="<"/>', /"<" in an attribute/],
    ['<a><!-- open</a>', /Unclosed comment/],
  ])('refuses %j', (xml, msg) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
    expect(() => parseXml(xml)).toThrow(msg);
  });

  it('refuses absurd nesting instead of exhausting the stack', () => {
    expect(() => parseXml('<a>'.repeat(1000) + '</a>'.repeat(1000))).toThrow(/nested too deeply/);
  });
});

describe('escaping', () => {
  it('escapes markup, keeps CR and attribute white space as references, and drops characters XML cannot carry', () => {
    expect(escapeXmlText('a < b & c > d\r\n')).toBe('a &lt; b &amp; c &gt; d&#13;\n');
    expect(escapeXmlAttr('say "hi"\n\tnow')).toBe('say &quot;hi&quot;&#10;&#9;now');
    expect(escapeXmlText('bell\u0007 nul\u0000 ok\ud83d\ude00 lone\ud800')).toBe('bell nul ok\ud83d\ude00 lone');
    const s = 'x & <y> "z"\r\n\tw';
    expect(parseXml(`<a v="${escapeXmlAttr(s)}">${escapeXmlText(s)}</a>`)).toMatchObject({ attrs: { v: s }, text: s });
  });
});
