/**
 * Personal data in free text (issue 17): each finder on examples it must find and traps it must
 * leave alone, overlaps, markers, the respondent register's name forms, and the labelled set
 * (tests/fixtures/personal-data/labelled.json) with the targets: recall ≥ 0.98 for register names,
 * emails, phones and postcodes, precision ≥ 0.95 overall. Figures are printed; timings are in the bench.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildNameRegister,
  findPersonalData,
  ordinaryWordsFrom,
  redactPersonalData,
  resolveOverlaps,
  scorePersonalData,
  validNhsNumber,
  type LabelledAnswer,
  type PersonalDataKind,
} from '#shared/analysis/personal-data/index';

const kinds = (text: string, register = REGISTER) => findPersonalData(text, register).map((f) => `${f.kind}:${f.text}`);
const REGISTER = buildNameRegister(
  ['Mei Ling Chen', 'Joseph Okafor', "Siobhan O'Neill", 'Anna Smith-Jones', 'Robert de Souza', 'Tom Green'].map(
    (name) => ({ name }),
  ),
);

describe('rule-based finders', () => {
  it('emails', () => {
    expect(kinds('Write to mei.chen@gmail.com or J_OKAFOR84@hotmail.co.uk.')).toEqual([
      'email:mei.chen@gmail.com',
      'email:J_OKAFOR84@hotmail.co.uk',
    ]);
    expect(kinds('Meet @ 5pm, or email us at the council')).toEqual([]);
  });

  it('UK phone numbers in their usual forms', () => {
    const numbers = [
      '07700 900123',
      '07700900123',
      '07700-900-123',
      '+44 7700 900123',
      '+44 (0)7700 900123',
      '+447700900123',
      '0044 7700 900123',
      '(0113) 496 0000',
      '0113 496 0000',
      '020 7946 0958',
      '0161-496-0000',
      '01632 960123',
      '+44 20 7946 0958',
    ];
    for (const n of numbers) expect(kinds(`Ring ${n} today.`), n).toEqual([`phone:${n}`]);
  });

  it('not dates, money, years, counts or references', () => {
    const text =
      'On 12/03/2024 it cost £1,200; 2,500 homes in 2023; Section 106; ref 23/01234/FUL; 0.5%; ' +
      'lines 0100-0450; 01.04.2025; 1257L; 12,345 calls; call 999 or 111; version 2.1.';
    expect(kinds(text)).toEqual([]);
  });

  it('UK postcodes, any case, with or without the space; not road names', () => {
    expect(kinds('LS6 2AB, sw1a1aa, M1 1AE, ec1a 1bb and B33 8TH')).toEqual([
      'postcode:LS6 2AB',
      'postcode:sw1a1aa',
      'postcode:M1 1AE',
      'postcode:ec1a 1bb',
      'postcode:B33 8TH',
    ]);
    expect(kinds('The A1 road, the M62, the A64, bus X45, KS2 3rd year, the LS6 area, QV1 1AA')).toEqual([]);
  });

  it('street addresses', () => {
    expect(kinds('Send it to Flat 3, 12 Acacia Avenue, Leeds.')).toEqual(['address:Flat 3, 12 Acacia Avenue']);
    expect(kinds('We live at 4a Mill Lane and 27 St John’s Rd.')).toEqual([
      'address:4a Mill Lane',
      'address:27 St John’s Rd',
    ]);
    expect(kinds('In 2012 the Olympic Park opened; Park Lane has 3 bus stops.')).toEqual([]);
  });

  it('National Insurance numbers with the prefix rules', () => {
    expect(kinds('NI AB 12 34 56 C and ab123456c.')).toEqual(['ni-number:AB 12 34 56 C', 'ni-number:ab123456c']);
    expect(kinds('Not GB123456A, QQ123456C, BG 12 34 56 A or TN123456D.')).toEqual([]);
  });

  it('NHS numbers with a valid check digit', () => {
    expect(validNhsNumber('9434765919')).toBe(true);
    expect(validNhsNumber('9434765918')).toBe(false);
    expect(kinds('NHS number 943 476 5919, or 943-476-5919.')).toEqual([
      'nhs-number:943 476 5919',
      'nhs-number:943-476-5919',
    ]);
    expect(kinds('Reference 9434765918 and 1234567890.')).toEqual([]);
  });

  it('links to personal profiles, not gov.uk or organisation pages', () => {
    expect(
      kinds(
        'See https://www.facebook.com/mei.chen.75, x.com/jokafor, uk.linkedin.com/in/joe-okafor-123 ' +
          'and tiktok.com/@olu.ade.',
      ),
    ).toEqual([
      'profile-url:https://www.facebook.com/mei.chen.75',
      'profile-url:x.com/jokafor',
      'profile-url:uk.linkedin.com/in/joe-okafor-123',
      'profile-url:tiktok.com/@olu.ade',
    ]);
    expect(
      kinds(
        'www.gov.uk/government/consultations/x, https://www.leeds.gov.uk, facebook.com/groups/abc, ' +
          'youtube.com/watch?v=abc, linkedin.com/company/network-rail, netflix.com/browse',
      ),
    ).toEqual([]);
  });
});

describe('names', () => {
  it('register names in their usual forms', () => {
    expect(kinds('I am Mei Chen and I live in Leeds.')).toEqual(['name:Mei Chen']);
    expect(kinds('i am mei ling chen')).toEqual(['name:mei ling chen']);
    expect(kinds('MY NAME IS JOSEPH OKAFOR')).toEqual(['name:JOSEPH OKAFOR']);
    expect(kinds('Yours, J. Okafor')).toEqual(['name:J. Okafor']);
    expect(kinds('signed M Chen and M. L. Chen')).toEqual(['name:M Chen', 'name:M. L. Chen']);
    expect(kinds('I agree with Mrs Smith-Jones and Dr. Chen.')).toEqual(['name:Mrs Smith-Jones', 'name:Dr. Chen']);
    expect(kinds("My friend siobhan o'neill agrees, as does Bob de Souza.")).toEqual([
      "name:siobhan o'neill",
      'name:Bob de Souza',
    ]);
    expect(kinds('#MeiChen')).toEqual(['name:MeiChen']);
  });

  it('a surname alone only when unambiguous, and possessives without the "s"', () => {
    expect(kinds('I agree with Okafor on this, and with Chen’s point.')).toEqual(['name:Okafor', 'name:Chen']);
    const r = redactPersonalData('We read Okafor’s letter.', REGISTER);
    expect(r.text).toBe('We read [name removed]’s letter.');
    // Ambiguous surnames need a given name, initial or title; sentence starts are not enough.
    expect(kinds('Green spaces matter and the green belt too.')).toEqual([]);
    expect(kinds('Mr Green and Tom Green agree; T. Green too.')).toEqual([
      'name:Mr Green',
      'name:Tom Green',
      'name:T. Green',
    ]);
    expect(kinds('Chen is a common word here.')).toEqual([]);
    // The consultation's own vocabulary makes a surname ambiguous.
    const reg = buildNameRegister([{ name: 'Amy Forde' }], { ordinaryWords: new Set(['forde']) });
    expect(kinds('We spoke to Forde about it.', reg)).toEqual([]);
    expect(kinds('We spoke to Amy Forde about it.', reg)).toEqual(['name:Amy Forde']);
  });

  it('names not in the register where the shape is plain', () => {
    expect(kinds('My GP Sarah Jones and Dr Patel said so; Councillor Hughes did not.')).toEqual([
      'name:Sarah Jones',
      'name:Dr Patel',
      'name:Councillor Hughes',
    ]);
    const traps =
      'We met at Kings Cross on the Bank Holiday near Victoria Station, in Stanley Park, on the Elizabeth ' +
      'Line, by Charles Darwin School and Alexandra Palace. The Lord Mayor and the Prime Minister came. ' +
      'The white paper, the bush and Network Rail. Mark my words. Will the council listen?';
    expect(kinds(traps)).toEqual([]);
  });

  it('ordinaryWordsFrom keeps lower-case words seen in enough answers', () => {
    const w = ordinaryWordsFrom(['the forde crossing', 'a forde here', 'Forde said', 'one more forde'], 3);
    expect(w.has('forde')).toBe(true);
    expect(ordinaryWordsFrom(['Forde said', 'Forde again', 'Forde'], 1).has('forde')).toBe(false);
  });
});

describe('overlaps and markers', () => {
  it('the longest finding wins', () => {
    const f = resolveOverlaps([
      { kind: 'name', start: 0, end: 4, text: '' },
      { kind: 'address', start: 2, end: 20, text: '' },
      { kind: 'postcode', start: 22, end: 29, text: '' },
      { kind: 'name', start: 24, end: 26, text: '' },
    ]);
    expect(f.map((x) => x.kind)).toEqual(['address', 'postcode']);
    // A register surname inside an address or email is part of them.
    expect(kinds('I live at 12 Chen Road; write to chen@example.com')).toEqual([
      'address:12 Chen Road',
      'email:chen@example.com',
    ]);
  });

  it('replaces each finding by its marker', () => {
    const r = redactPersonalData(
      'I am Mei Chen of 12 Acacia Avenue, LS6 2AB; 07700 900123; me@x.org; AB123456C; 9434765919; x.com/mei',
      REGISTER,
    );
    expect(r.text).toBe(
      'I am [name removed] of [address removed], [postcode removed]; [phone number removed]; ' +
        '[email address removed]; [National Insurance number removed]; [NHS number removed]; [link removed]',
    );
    expect(redactPersonalData('Nothing here.').text).toBe('Nothing here.');
  });
});

interface LabelledSet {
  register: string[];
  answers: (LabelledAnswer & { id: string; source: string })[];
}
const SET = JSON.parse(
  readFileSync(new URL('../../fixtures/personal-data/labelled.json', import.meta.url), 'utf8'),
) as LabelledSet;

describe('the labelled set', () => {
  const register = buildNameRegister(
    SET.register.map((name) => ({ name })),
    { ordinaryWords: ordinaryWordsFrom(SET.answers.map((a) => a.text)) },
  );

  it('has at least 300 answers from all three sources', () => {
    expect(SET.answers.length).toBeGreaterThanOrEqual(300);
    const sources = new Set(SET.answers.map((a) => a.source));
    expect([...sources].sort()).toEqual(['peer', 'planted', 'trap']);
    for (const a of SET.answers) for (const s of a.spans) expect(s.end).toBeLessThanOrEqual(a.text.length);
  });

  it('meets the recall and precision targets', () => {
    const s = scorePersonalData(SET.answers, (t) => findPersonalData(t, register));
    const line = Object.entries(s.recall)
      .map(([k, r]) => `${k} ${r.found}/${r.labelled} = ${r.recall.toFixed(3)}`)
      .join('; ');
    console.log(`personal data: ${SET.answers.length} answers; recall ${line}`);
    console.log(
      `personal data: recall ${s.recallAll.toFixed(3)}, precision ${s.precision.toFixed(3)} ` +
        `(${s.correct}/${s.findings}), F1 ${s.f1.toFixed(3)}; false: ${s.wrong.map((w) => w.text).join(', ')}`,
    );
    for (const k of ['name (register)', 'email', 'phone', 'postcode'] as const) {
      expect(s.recall[k]?.recall, k).toBeGreaterThanOrEqual(0.98);
    }
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    // Traps and the peer answers' own text give few findings.
    const trapFindings = SET.answers
      .filter((a) => a.source === 'trap')
      .reduce((n, a) => n + findPersonalData(a.text, register).length, 0);
    expect(trapFindings).toBeLessThanOrEqual(10);
  });

  it('redacting never leaves a planted item in the text', () => {
    for (const a of SET.answers) {
      const out = redactPersonalData(a.text, register).text;
      for (const s of a.spans) {
        const planted = a.text.slice(s.start, s.end);
        if (planted.length >= 5) expect(out, a.id).not.toContain(planted);
      }
    }
  });

  it('property: any planted item in any sentence is removed', () => {
    const items: [PersonalDataKind, string][] = [
      ['email', 'j.okafor@example.org'],
      ['phone', '+44 (0)7700 900321'],
      ['phone', '0113-496-0001'],
      ['postcode', 'LS6 2AB'],
      ['postcode', 'sw1a1aa'],
      ['ni-number', 'JK 12 34 56 B'],
      ['nhs-number', '943 476 5919'],
      ['profile-url', 'https://www.instagram.com/mei.chen'],
      ['name', 'Mei Ling Chen'],
      ['name', 'Cllr Okafor'],
      ['address', 'Flat 2, 9 Station Road'],
    ];
    const bodies = SET.answers.filter((a) => a.source === 'trap').map((a) => a.text);
    fc.assert(
      fc.property(
        fc.constantFrom(...bodies),
        fc.constantFrom(...items),
        fc.nat(),
        fc.constantFrom(' ', ', ', ' (', ': '),
        (body, [kind, planted], at, sep) => {
          const words = body.split(' ');
          const i = at % (words.length + 1);
          const text = [...words.slice(0, i), `${sep.trim() ? sep : ''}${planted}`, ...words.slice(i)].join(' ');
          const r = redactPersonalData(text, register);
          expect(r.text).not.toContain(planted);
          expect(r.findings.some((f) => f.kind === kind)).toBe(true);
        },
      ),
      { numRuns: 300, seed: 17 },
    );
  });
});
