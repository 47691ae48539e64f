import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  CodebookImportError,
  codebookFromCsv,
  codebookFromQdc,
  codebookToCsv,
  codebookToQdc,
  codebookTree,
  isGuid,
  newTheme,
  themesForQuestion,
  validateCodebook,
  type Codebook,
} from '#shared/analysis/codebook';
import { parseXml } from '#shared/core/xml';

const book: Codebook = {
  themes: [
    newTheme({ id: 'access', name: 'Access', description: 'Getting to services', codable: false, colour: '#1d70b8' }),
    newTheme({
      id: 'access-phone',
      name: 'Keep telephone routes',
      parentId: 'access',
      description: 'Wants a phone option kept.\nOften older people.',
      questionIds: ['example-q3', 'example-q8'],
    }),
    newTheme({
      id: 'access-digital',
      name: 'Digital skills & devices',
      parentId: 'access',
      description: 'Says "can\'t use apps" <or> similar',
      questionIds: ['example-q8'],
    }),
    newTheme({ id: 'trust', name: 'Trust in information', description: '' }),
    newTheme({ id: 'formula', name: '=cost of data', description: '-ve impact; +1 for libraries; @mention' }),
  ],
};

function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'codebook-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('codebook structure', () => {
  it('lists themes for a question (its own and shared) and in tree order', () => {
    expect(themesForQuestion(book, 'example-q3').map((t) => t.id)).toEqual([
      'access',
      'access-phone',
      'trust',
      'formula',
    ]);
    expect(codebookTree(book).map(({ theme, depth }) => `${depth}:${theme.id}`)).toEqual([
      '0:access',
      '1:access-phone',
      '1:access-digital',
      '0:trust',
      '0:formula',
    ]);
  });

  it('finds duplicate ids, missing parents, cycles, empty names and duplicate sibling names', () => {
    const bad: Codebook = {
      themes: [
        newTheme({ id: 'a', name: 'A', parentId: 'b' }),
        newTheme({ id: 'b', name: 'B', parentId: 'a' }),
        newTheme({ id: 'c', name: ' ', parentId: 'zzz' }),
        newTheme({ id: 'd', name: 'Same' }),
        newTheme({ id: 'd', name: 'same' }),
      ],
    };
    expect(new Set(validateCodebook(bad).map((p) => p.problem))).toEqual(
      new Set(['cycle', 'missing-parent', 'empty-name', 'duplicate-id', 'duplicate-name']),
    );
    expect(validateCodebook(book)).toEqual([]);
    // Themes in a cycle still appear in the tree, each id once.
    expect(
      codebookTree(bad)
        .map((x) => x.theme.id)
        .sort(),
    ).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('codebook CSV', () => {
  it(
    'writes id, name, parent, description, questions with formula-like cells neutralised, and reads it back ' +
      'exactly',
    () => {
      withTempDir((dir) => {
        const file = join(dir, 'codebook.csv');
        writeFileSync(file, codebookToCsv(book), 'utf8');
        const bytes = readFileSync(file);
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const text = bytes.toString('utf8');
        expect(text.split('\r\n')[0]).toBe('\ufeffid,name,parent,description,questions');
        expect(text).toContain(`formula,'=cost of data,,'-ve impact; +1 for libraries; @mention,`);
        expect(text).toContain(
          'access-phone,Keep telephone routes,access,"Wants a phone option kept.\nOften older ' +
            'people.",example-q3; example-q8',
        );
        const back = codebookFromCsv(text);
        expect(back.warnings).toEqual([]);
        // CSV carries no colour or codable flag: compare the rest.
        const strip = (c: Codebook) => c.themes.map(({ colour: _c, codable: _k, ...t }) => t);
        expect(strip(back.codebook)).toEqual(strip(book));
      });
    },
  );

  it('reads Taguette codebook CSV (tag, description, number of highlights) and makes ids from names', () => {
    const taguette =
      'tag,description,number of highlights\r\ninteresting,Worth a second ' +
      'look,4\r\ninteresting.places,,2\r\npeople,"People named, or described",0\r\n';
    const { codebook, warnings } = codebookFromCsv(taguette);
    expect(codebook.themes.map((t) => [t.id, t.name, t.description, t.parentId])).toEqual([
      ['theme-interesting', 'interesting', 'Worth a second look', null],
      ['theme-interesting-places', 'interesting.places', '', null],
      ['theme-people', 'people', 'People named, or described', null],
    ]);
    expect(warnings[0]).toMatch(/no id column/);
  });

  it('takes a parent by name, and MAXQDA-style "Parent > Child" paths creating the parents', () => {
    const byName = codebookFromCsv('name,parent,memo\nCost,,Money\nData costs,Cost,Mobile data\n').codebook;
    expect(byName.themes[1]).toMatchObject({ name: 'Data costs', parentId: 'theme-cost', description: 'Mobile data' });
    const paths = codebookFromCsv(
      'Code,Description\nAccess > Telephone,Phone routes\nAccess > Digital > Devices,Old phones\nTrust,\n',
    ).codebook;
    expect(codebookTree(paths).map(({ theme, depth }) => `${depth}:${theme.name}`)).toEqual([
      '0:Access',
      '1:Telephone',
      '1:Digital',
      '2:Devices',
      '0:Trust',
    ]);
    expect(paths.themes.find((t) => t.name === 'Devices')!.description).toBe('Old phones');
  });

  it('refuses files it cannot read as a codebook, saying why and where', () => {
    const err = (text: string) => {
      try {
        codebookFromCsv(text);
      } catch (e) {
        expect(e).toBeInstanceOf(CodebookImportError);
        return (e as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(err('')).toMatch(/empty/);
    expect(err('title,notes\nx,y\n')).toMatch(/No "name" column/);
    expect(err('id,name\na,One\na,Two\n')).toMatch(/used twice \(line 3\)/);
    expect(err('name,parent\nOne,Nowhere\n')).toMatch(/parent "Nowhere".*line 2/);
    expect(err('id,name\n,\n"x,y\n')).toMatch(/line/);
    expect(err('id,name,parent\na,A,b\nb,B,a\n')).toMatch(/inside itself/);
  });
});

describe('REFI-QDA codebook (.qdc)', () => {
  it('writes nested codes with guids, isCodable, colour, descriptions, and per-question sets', () => {
    const xml = codebookToQdc(book, { questionLabel: (id) => id.replace('example-q', 'Q') });
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"')).toBe(
      true,
    );
    const root = parseXml(xml);
    expect(root.name).toBe('CodeBook');
    const codes = root.children.find((c) => c.name === 'Codes')!.children;
    expect(codes.map((c) => c.attrs.name)).toEqual(['Access', 'Trust in information', '=cost of data']);
    expect(codes[0]!.attrs).toMatchObject({ isCodable: 'false', color: '#1D70B8' });
    expect(codes[0]!.children.filter((c) => c.name === 'Code').map((c) => c.attrs.name)).toEqual([
      'Keep telephone routes',
      'Digital skills & devices',
    ]);
    for (const c of codes) expect(isGuid(c.attrs.guid!)).toBe(true);
    const sets = root.children.find((c) => c.name === 'Sets')!.children;
    expect(sets.map((s) => s.attrs.name)).toEqual(['Question: Q3', 'Question: Q8']);
    expect(sets[1]!.children.filter((c) => c.name === 'MemberCode')).toHaveLength(2);
  });

  it(
    'round-trips through a file: names, hierarchy, descriptions (with &, <, quotes, line breaks), colours, ' +
      'question scoping',
    () => {
      withTempDir((dir) => {
        const file = join(dir, 'codebook.qdc');
        writeFileSync(file, codebookToQdc(book), 'utf8');
        const { codebook, warnings } = codebookFromQdc(readFileSync(file, 'utf8'));
        expect(warnings).toEqual([]);
        const byName = new Map(codebook.themes.map((t) => [t.name, t]));
        for (const t of book.themes) {
          const got = byName.get(t.name)!;
          expect(got.description).toBe(t.description);
          expect(got.codable).toBe(t.codable);
          expect(got.colour).toBe(t.colour?.toUpperCase() ?? null);
          expect(got.questionIds).toEqual(t.questionIds);
          expect(got.parentId === null ? null : codebook.themes.find((p) => p.id === got.parentId)!.name).toBe(
            t.parentId === null ? null : book.themes.find((p) => p.id === t.parentId)!.name,
          );
        }
        // Exporting the import again gives the same document: ids are now the guids.
        expect(codebookToQdc(codebook)).toBe(codebookToQdc(codebookFromQdc(codebookToQdc(codebook)).codebook));
      });
    },
  );

  it('reads a codebook as Taguette writes it (flat, dotted names, empty Sets)', () => {
    const taguette =
      '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette ' +
      '1.4.1"><Codes><Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="interesting" ' +
      'isCodable="true"/><Code guid="DFE5C38E-9449-5959-A1F7-E3D895CFA87F" name="people" isCodable="true"/><Code ' +
      'guid="725F0645-9CD3-598A-8D2B-EC3D39AB3C3F" name="interesting.places" ' +
      'isCodable="true"/></Codes><Sets/></CodeBook>';
    const { codebook } = codebookFromQdc(taguette);
    expect(codebook.themes.map((t) => [t.id, t.name, t.parentId])).toEqual([
      ['0D62985D-B147-5D01-A9B5-CAE5DCD98342', 'interesting', null],
      ['DFE5C38E-9449-5959-A1F7-E3D895CFA87F', 'people', null],
      ['725F0645-9CD3-598A-8D2B-EC3D39AB3C3F', 'interesting.places', null],
    ]);
  });

  it(
    'reads a codebook as QualCoder writes it (BOM, pretty-printed, ' + 'categories not codable, colours, descriptions)',
    () => {
      const qualcoder =
        '\ufeff<?xml version="1.0" encoding="utf-8"?>\r\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" ' +
        'xsi:schemaLocation="urn:QDA-XML:codebook:1.0 Codebook.xsd" origin="QualCoder" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\r\n  <Codes>\r\n    <Code ' +
        'guid="3c4bd3d2-7a8e-4bd1-9e2a-4f2d2a1c0b11" name="Barriers" isCodable="false">\r\n      ' +
        '<Description>Things that stop people</Description>\r\n      <Code ' +
        'guid="9f0e6f2a-3b1c-4d7e-8a5b-6c7d8e9f0a1b" name="Cost" isCodable="true" color="#F5A9A9">\r\n        ' +
        '<Description>Money &amp; data</Description>\r\n      </Code>\r\n      <Code ' +
        'guid="{0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d}" name="Skills" isCodable="true" color="#81BEF7"/>\r\n    ' +
        '</Code>\r\n  </Codes>\r\n</CodeBook>\r\n';
      const { codebook } = codebookFromQdc(qualcoder);
      expect(
        codebookTree(codebook).map(({ theme, depth }) => [
          depth,
          theme.name,
          theme.codable,
          theme.colour,
          theme.description,
        ]),
      ).toEqual([
        [0, 'Barriers', false, null, 'Things that stop people'],
        [1, 'Cost', true, '#F5A9A9', 'Money & data'],
        [1, 'Skills', true, '#81BEF7', ''],
      ]);
      expect(codebook.themes[2]!.id).toBe('0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D');
    },
  );

  it('reads ATLAS.ti-style code groups (MemberCode guid=) and reports sets it does not use', () => {
    const atlas =
      '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="urn:QDA-XML:codebook:0:4 Codebook.xsd" origin="ATLAS.ti Win 23.4.0" ' +
      'xmlns="urn:QDA-XML:codebook:1.0">\n  <Codes>\n    <Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" ' +
      'name="code1" color="#46AA00" isCodable="true">\n      <Description>description</Description>\n    ' +
      '</Code>\n  </Codes>\n  <Sets>\n    <Set name="code group 1" ' +
      'guid="ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0">\n      <Description>kategorie 1</Description>\n      ' +
      '<MemberCode guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" />\n    </Set>\n  </Sets>\n</CodeBook>';
    const { codebook, warnings } = codebookFromQdc(atlas);
    expect(codebook.themes[0]).toMatchObject({
      name: 'code1',
      description: 'description',
      colour: '#46AA00',
      questionIds: [],
    });
    expect(warnings).toEqual([
      'The code set "code group 1" was not imported (code sets other than questions are not used).',
    ]);
  });

  it('refuses entity declarations (billion laughs, external entities) and malformed files', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 ' +
      '"&lol;&lol;&lol;">]><CodeBook><Codes><Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" ' +
      'name="&lol2;"/></Codes></CodeBook>';
    expect(() => codebookFromQdc(laughs)).toThrow(CodebookImportError);
    expect(() => codebookFromQdc(laughs)).toThrow(/not allowed/);
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><CodeBook><Codes><Code ' +
      'name="&e;"/></Codes></CodeBook>';
    expect(() => codebookFromQdc(xxe)).toThrow(/not allowed/);
    expect(() => codebookFromQdc('<CodeBook><Codes><Code name="a">')).toThrow(/not closed/);
    expect(() => codebookFromQdc('<Project/>')).toThrow(/no CodeBook element/);
    expect(() =>
      codebookFromQdc(
        '<CodeBook><Codes><Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="a"/><Code ' +
          'guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="b"/></Codes></CodeBook>',
      ),
    ).toThrow(/Two codes/);
  });

  it('property: any names and descriptions survive a .qdc round trip', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'Z', ' ', '&', '<', '>', '"', "'", '\n', '\r', '\t', 'é', '😀', ']]>', '&amp;', '='),
    });
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            text.filter((s) => s.trim().length > 0),
            text,
          ),
          { minLength: 1, maxLength: 6 },
        ),
        (rows) => {
          const cb: Codebook = {
            themes: rows.map(([name, description], i) =>
              newTheme({ id: `t${i}`, name: `${name.trim()} ${i}`, description: description.trim() }),
            ),
          };
          const back = codebookFromQdc(codebookToQdc(cb)).codebook;
          // Line breaks, tabs and CRs are written as character references, so they survive exactly.
          expect(back.themes.map((t) => [t.name, t.description])).toEqual(
            cb.themes.map((t) => [t.name, t.description]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
