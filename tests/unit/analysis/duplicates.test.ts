import { describe, expect, it } from 'vitest';
import {
  contentKey,
  findDuplicates,
  normaliseEmail,
  normalisePersonName,
  normalisePostcode,
  type DuplicateCandidate,
} from '#shared/analysis/duplicates';

const r = (id: string, p: Partial<DuplicateCandidate>): DuplicateCandidate => ({ id, answers: {}, ...p });

describe('normalising identities', () => {
  it('emails, names and postcodes', () => {
    expect(normaliseEmail('  Jane.Smith@Example.ORG ')).toBe('jane.smith@example.org');
    expect(normaliseEmail('mailto:jane@example.org')).toBe('jane@example.org');
    expect(normaliseEmail('not an email')).toBeNull();
    expect(normalisePersonName('Smith, Jane')).toBe(normalisePersonName('jane SMITH'));
    expect(normalisePersonName('Dr Jane Smith')).toBe('jane smith');
    expect(normalisePersonName('')).toBeNull();
    expect(normalisePostcode('sw1h 0eu')).toBe('SW1H0EU');
    expect(normalisePostcode(' ')).toBeNull();
  });

  it('content keys ignore case, punctuation, white space and choice order, but not words', () => {
    const a = contentKey({ q1: 'I agree, strongly!', q2: ['b', 'a'] });
    expect(contentKey({ q2: ['a', 'b'], q1: '  i AGREE strongly ' })).toBe(a);
    expect(contentKey({ q1: 'I agree strongly', q2: ['a'] })).not.toBe(a);
    expect(contentKey({ q1: 'I disagree strongly', q2: ['a', 'b'] })).not.toBe(a);
    // Unanswered questions do not matter.
    expect(contentKey({ q1: 'x', q3: null, q4: '' })).toBe(contentKey({ q1: 'x' }));
  });
});

describe('findDuplicates', () => {
  const answers = { q1: 'Keep the telephone line open.', q2: ['yes'] };
  const responses: DuplicateCandidate[] = [
    r('online-1', {
      email: 'jane@example.org',
      name: 'Jane Smith',
      postcode: 'LS1 4AP',
      receivedAt: '2027-03-02T10:00:00Z',
      channel: 'online',
      answers,
    }),
    // The same response sent again by email, differently typed.
    r('email-1', {
      email: 'JANE@example.org ',
      receivedAt: '2027-03-05T09:00:00Z',
      channel: 'email',
      answers: { q1: 'keep the telephone line open', q2: ['yes'] },
    }),
    // A posted letter from her: name and postcode only, same content.
    r('post-1', {
      name: 'Smith, Jane',
      postcode: 'ls14ap',
      receivedAt: '2027-03-09T12:00:00Z',
      channel: 'post',
      answers,
    }),
    // She changed her mind later.
    r('online-2', {
      email: 'jane@example.org',
      receivedAt: '2027-04-01T08:00:00Z',
      channel: 'online',
      answers: { q1: 'Close the telephone line.', q2: ['no'] },
    }),
    // Same content from other people is not a duplicate.
    r('other-1', { email: 'sam@example.org', answers }),
    r('other-2', { name: 'Jane Smith', postcode: 'M1 1AA', answers }),
    r('anon-1', { answers }),
    r('anon-2', { answers }),
  ];
  const groups = findDuplicates(responses);

  it('groups the same person and content across channels, oldest first, keeping the latest', () => {
    const exact = groups.filter((g) => g.kind === 'exact');
    expect(exact).toHaveLength(1);
    expect(exact[0]).toMatchObject({ memberIds: ['online-1', 'email-1', 'post-1'], suggestedKeepId: 'post-1' });
    expect(exact[0]!.matchedOn).toEqual(['email', 'name-and-postcode']);
  });

  it('flags the same person with different content separately, for the official to decide', () => {
    const same = groups.filter((g) => g.kind === 'same-person');
    expect(same).toHaveLength(1);
    expect(same[0]!.memberIds).toEqual(['online-1', 'email-1', 'post-1', 'online-2']);
    expect(same[0]!.suggestedKeepId).toBe('online-2');
  });

  it('never groups different or unknown people, and ids are stable', () => {
    const all = groups.flatMap((g) => g.memberIds);
    for (const id of ['other-1', 'other-2', 'anon-1', 'anon-2']) expect(all).not.toContain(id);
    expect(
      findDuplicates([...responses].reverse())
        .map((g) => g.id)
        .sort(),
    ).toEqual(groups.map((g) => g.id).sort());
    expect(findDuplicates([])).toEqual([]);
  });
});
