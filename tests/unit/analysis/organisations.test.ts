import { describe, expect, it } from 'vitest';
import { normaliseOrganisationName, suggestOrganisationMerges } from '#shared/analysis/organisations';

describe('normaliseOrganisationName', () => {
  it.each([
    ['Royal College of Nursing', 'royal college of nursing'],
    ['The Royal College of Nursing', 'royal college of nursing'],
    ['ROYAL COLLEGE OF NURSING.', 'royal college of nursing'],
    ['Royal College of Nursing (RCN)', 'royal college of nursing'],
    ['Acme Ltd', 'acme'],
    ['Acme Limited', 'acme'],
    ['ACME LTD.', 'acme'],
    ['Acme UK Ltd', 'acme'],
    ['Acme (U.K.) Limited', 'acme'],
    ['Acme plc', 'acme'],
    ['Smith & Jones LLP', 'smith and jones'],
    ['Smith and Jones', 'smith and jones'],
    ['Smith + Jones', 'smith and jones'],
    ['Community Transport CIC', 'community transport'],
    ["St John's Ambulance", 'st johns ambulance'],
    ['St. John’s Ambulance', 'st johns ambulance'],
    ['Médecins Sans Frontières', 'medecins sans frontieres'],
    ['  Age   UK  ', 'age'],
    ['Natl. Assoc. of Local Councils', 'national association of local councils'],
    ['Natl Assn of Local Councils', 'national association of local councils'],
    ['Dept for Transport', 'department for transport'],
    ['The Co-operative Group', 'co operative group'],
    ['Ltd', 'ltd'],
    ['The', 'the'],
    ['', ''],
  ])('%j → %j', (name, key) => {
    expect(normaliseOrganisationName(name)).toBe(key);
  });
});

describe('suggestOrganisationMerges', () => {
  const names = [
    ...Array(12).fill('Royal College of Nursing'),
    ...Array(3).fill('The Royal College of Nursing'),
    'royal college of nursing (RCN)',
    'Royal Colege of Nursing',
    'RCN',
    'RCN',
    ...Array(4).fill('Acme Ltd'),
    'ACME LIMITED',
    'Acme UK',
    'Department of Transport',
    'Department for Transport',
    'Unique Charity',
    'British Medical Association',
    'BMA',
    'British Dental Association',
    '',
    '   ',
  ];
  const clusters = suggestOrganisationMerges(names);

  it('groups case, punctuation, legal forms, "The", trailing UK, typos and acronyms, with counts', () => {
    const rcn = clusters.find((c) => c.id === 'royal college of nursing')!;
    expect(rcn.suggestedName).toBe('Royal College of Nursing');
    expect(rcn.total).toBe(19);
    expect(rcn.variants.map((v) => [v.name, v.count])).toEqual([
      ['Royal College of Nursing', 12],
      ['The Royal College of Nursing', 3],
      ['RCN', 2],
      ['royal college of nursing (RCN)', 1],
      ['Royal Colege of Nursing', 1],
    ]);
    expect(rcn.reasons).toEqual(['same-normalised-name', 'similar-spelling', 'acronym']);
    expect(rcn.confidence).toBe('medium');

    const acme = clusters.find((c) => c.id === 'acme')!;
    expect(acme.variants.map((v) => v.name)).toEqual(['Acme Ltd', 'ACME LIMITED', 'Acme UK']);
    expect(acme).toMatchObject({
      total: 6,
      reasons: ['same-normalised-name'],
      confidence: 'high',
      suggestedName: 'Acme Ltd',
    });

    const dft = clusters.find((c) => c.variants.some((v) => v.name === 'Department of Transport'))!;
    expect(dft.variants).toHaveLength(2);
    expect(dft.reasons).toEqual(['similar-spelling']);
  });

  it('matches an acronym only to the one name it abbreviates, and leaves single names alone', () => {
    const bma = clusters.find((c) => c.variants.some((v) => v.name === 'BMA'))!;
    expect(bma.variants.map((v) => v.name).sort()).toEqual(['BMA', 'British Medical Association']);
    expect(clusters.some((c) => c.variants.some((v) => v.name === 'British Dental Association'))).toBe(false);
    expect(clusters.some((c) => c.variants.some((v) => v.name === 'Unique Charity'))).toBe(false);
    // Ambiguous: "BA" could be either association, so no suggestion.
    const ambiguous = suggestOrganisationMerges(['BA', 'British Airways', 'Booksellers Association']);
    expect(ambiguous).toEqual([]);
  });

  it('orders clusters largest first and can be made stricter', () => {
    expect(clusters.map((c) => c.total)).toEqual([...clusters.map((c) => c.total)].sort((a, b) => b - a));
    const strict = suggestOrganisationMerges(names, { similarity: 0.99, acronyms: false });
    const rcn = strict.find((c) => c.id === 'royal college of nursing')!;
    expect(rcn.variants.map((v) => v.name)).not.toContain('RCN');
    expect(rcn.variants.map((v) => v.name)).not.toContain('Royal Colege of Nursing');
  });

  it('handles thousands of distinct names quickly enough to stay interactive (no pairwise explosion)', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `Organisation number ${i} for testing`);
    const out = suggestOrganisationMerges([...many, 'Organisation number 12 for testing Ltd']);
    expect(out.find((c) => c.id === 'organisation number 12 for testing')!.variants).toHaveLength(2);
  });
});
