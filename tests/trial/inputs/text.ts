import { exampleDraft } from '#shared/domain/draft/example';
import { encodeTable, encodeText, csvText } from '../../generators/encode';
import { LAYOUT_NAMES, writeLayout } from '../../generators/layouts';
import type { Rng } from '../../generators/random';
import { generateResponses } from '../../generators/synthetic';
import { enc, mutate, randomBytes, type TrialInput } from './case';

/**
 * Hostile text exports (CSV, TSV, .txt): structural traps written on purpose, and real-looking
 * exports from every layout damaged at random. Each lands in the example workspace, or a blank
 * one with --create-questions.
 */
const draft = exampleDraft();

function survey(rng: Rng, count: number): string[][] {
  return writeLayout(rng.pick(LAYOUT_NAMES), draft, generateResponses(draft, { count, seed: rng.int(1, 1e6) }));
}

const csv = (rows: string[][]) => enc(csvText(rows));

/** The traps: each a name and the bytes (built on demand so big ones cost only when chosen). */
function traps(rng: Rng): [string, () => Uint8Array, string?][] {
  const header = ['Name', 'Email', 'Do you agree?', 'Why?'];
  const big = (n: number) => 'x'.repeat(n);
  return [
    ['header only', () => csv([header])],
    ['blank lines only', () => enc('\n\n\r\n  \n')],
    ['one cell', () => enc('hello')],
    ['a 5 MB cell and no line break', () => enc(`"${big(5 * 2 ** 20)}`)],
    ['a 300,000-character cell', () => csv([header, ['Ann', 'a@x.org', 'Yes', big(300_000)]])],
    [
      '2,000 columns',
      () => csv([Array.from({ length: 2000 }, (_, i) => `Q${i}`), Array.from({ length: 2000 }, () => 'a')]),
    ],
    [
      'a quote opened and never closed',
      () => enc(`${header.join(',')}\nAnn,a@x.org,"Yes,because\nBob,b@x.org,No,fine\n`),
    ],
    [
      'quotes in the wrong places',
      () => enc(`${header.join(',')}\nAnn,a@"x".org,Y"es,"fine""\n"Bob"x,b@x.org,No,ok\n`),
    ],
    ['ragged rows', () => enc(`${header.join(',')}\nAnn\nBob,b@x.org,No,fine,extra,extra,extra\n,,,\n`)],
    ['mixed separators', () => enc(`${header.join(';')}\nAnn,a@x.org;Yes\tfine\nBob;b@x.org;No;ok\n`)],
    ['sep= line naming a separator not used', () => enc(`sep=|\n${header.join(',')}\nAnn,a@x.org,Yes,fine\n`)],
    ['NUL bytes sprinkled', () => enc(`${header.join(',')}\nA\0nn,a@x.org,Y\0es,fi\0ne\nBob,b@x.org,No,ok\n`)],
    ['mostly NUL bytes', () => new Uint8Array(4096)],
    [
      'UTF-8 BOM then UTF-16 text',
      () => new Uint8Array([0xef, 0xbb, 0xbf, ...encodeText(csvText([header, ['Ann', 'a', 'Yes', 'ok']]), 'utf-16le')]),
    ],
    ['UTF-16 BOM, odd length', () => new Uint8Array([0xff, 0xfe, ...enc('Name,Why\nAnn,ok\n'), 0x41])],
    [
      'invalid UTF-8 after a UTF-8 BOM',
      () => new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Name,Why\nAnn,'), 0xc3, 0x28, 0xa0, 0xa1, ...enc('\n')]),
    ],
    [
      'Windows-1252 pound signs and quotes',
      () =>
        new Uint8Array([
          ...enc('Name,Why\nAnn,costs '),
          0xa3,
          ...enc('5 '),
          0x93,
          ...enc('too much'),
          0x94,
          ...enc('\n'),
        ]),
    ],
    [
      'overlong UTF-8 and lone surrogates',
      () => new Uint8Array([...enc('Name,Why\nAnn,'), 0xc0, 0xaf, 0xed, 0xa0, 0x80, ...enc('\n')]),
    ],
    [
      'formulas in every cell',
      () =>
        csv([
          header,
          ["=cmd|' /C calc'!A0", '+SUM(1,2)', '-2+3', '@HYPERLINK("http://x","y")'],
          ['=1+1', '=A1', '=IMPORTXML(A1)', '\t=1'],
        ]),
    ],
    [
      'headers that name object internals',
      () =>
        csv([
          ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'],
          ['a', 'b', 'c', 'd', 'e'],
        ]),
    ],
    [
      'every header the same',
      () =>
        csv([
          ['Why?', 'Why?', 'Why?', 'Why?'],
          ['a', 'b', 'c', 'd'],
        ]),
    ],
    [
      'every header empty',
      () =>
        csv([
          ['', '', '', ''],
          ['a', 'b', 'c', 'd'],
          ['e', 'f', 'g', 'h'],
        ]),
    ],
    [
      'emoji, right-to-left and combining marks',
      () => csv([header, ['👩🏽‍💻 Ann', 'a@x.org', 'نعم', 'e\u0301\u0301\u0301'.repeat(200)]]),
    ],
    [
      'Unicode line and paragraph separators',
      () => csv([header, ['Ann\u2028Bob', 'a@x.org', 'Yes\u2029', 'fine\u0085ok']]),
    ],
    [
      'zero-width and bidi control characters',
      () => csv([header, ['\u200b\u200e\u202eAnn', 'a@x.org', '\ufeffYes', '\u2066fine\u2069']]),
    ],
    [
      'control characters in cells',
      () => csv([header, ['\u0001\u0002Ann', '\u001b[31ma@x.org', 'Yes\u0007', 'fine\u000b\u000c']]),
    ],
    [
      'CR only line endings',
      () => enc(csvText([header, ['Ann', 'a', 'Yes', 'ok'], ['Bob', 'b', 'No', 'no']]).replace(/\r?\n/g, '\r')),
    ],
    ['a line of 1,000,000 commas', () => enc(`Name,Why\n${','.repeat(1_000_000)}\n`)],
    ['100,000 tiny rows', () => enc(`Why\n${'a\n'.repeat(100_000)}`)],
    ['quotes only', () => enc('"""""""""""""""""""""""""""""""""""""""""'.repeat(1000))],
    [
      'HTML saying it is a table, and is not',
      () => enc('<html><body><table><tr><td>Name<td>Why<tr><td>Ann<td>' + '<table>'.repeat(5000)),
    ],
    ['HTML table 20,000 levels deep', () => enc(`<table>${'<tr><td><table>'.repeat(20_000)}`)],
    [
      'XML with entity expansion',
      () =>
        enc(
          '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b ' +
            '"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d ' +
            '"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><table><tr><td>&d;&d;&d;</td></tr></table>',
        ),
    ],
    ['a PDF named .csv', () => enc('%PDF-1.7\n1 0 obj\n<< >>\nendobj\n')],
    ['an RTF named .csv', () => enc('{\\rtf1\\ansi Name,Why\\par Ann,ok}')],
    ['a gzip named .csv', () => new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, ...randomBytes(rng, 200)])],
    ['an email named .csv', () => enc('From: Ann <a@x.org>\nTo: c@gov.uk\nSubject: My response\n\nI agree.\n')],
    [
      'random printable junk',
      () => enc(Array.from({ length: 20_000 }, () => String.fromCharCode(rng.int(32, 126))).join('')),
    ],
    ['random bytes', () => randomBytes(rng, rng.int(1, 50_000))],
    [
      'a survey with 20,000-character answers',
      () =>
        csv(
          survey(rng, 20).map((r, i) =>
            i === 0 ? r : r.map((c) => (c.length > 10 ? c.repeat(Math.ceil(20_000 / c.length)).slice(0, 20_000) : c)),
          ),
        ),
    ],
    [
      'a survey with its header row repeated in the middle',
      () => {
        const rows = survey(rng, 30);
        return csv([...rows.slice(0, 10), rows[0]!, ...rows.slice(10)]);
      },
    ],
    [
      'a survey whose every row is the same',
      () => {
        const rows = survey(rng, 2);
        return csv([rows[0]!, ...Array.from({ length: 400 }, () => rows[1]!)]);
      },
    ],
  ];
}

export function textInputs(rng: Rng, count: number): TrialInput[] {
  const out: TrialInput[] = [];
  const named = traps(rng);
  // Every trap once, into each workspace kind in turn.
  named.forEach(([name, bytes], i) =>
    out.push({
      family: 'csv (traps)',
      name,
      files: [{ path: i % 3 === 0 ? 'responses.tsv' : 'responses.csv', bytes: bytes() }],
      createQuestions: i % 2 === 0,
    }),
  );
  // The rest: real-looking exports of every layout and encoding, damaged at random.
  const encodings = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
  while (out.length < count) {
    const rows = survey(rng, rng.int(1, 60));
    const encoding = rng.pick(encodings);
    const delimiter = rng.pick([',', ';', '\t'] as const);
    const good = encodeTable(rows, 'csv', { encoding, delimiter });
    const { how, bytes } = mutate(rng, good);
    out.push({
      family: 'csv (damaged exports)',
      name: `${encoding}, "${delimiter === '\t' ? 'tab' : delimiter}": ${how}`,
      files: [{ path: rng.pick(['export.csv', 'export.txt', 'export.tsv']), bytes }],
      createQuestions: rng.chance(0.4),
    });
  }
  return out;
}
