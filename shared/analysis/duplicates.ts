/**
 * Exact duplicate responses: the same person sending the same answers more than once, for example
 * online and again by email. The same person is recognised by normalised email address, or by
 * normalised name together with postcode (a letter or returned form has no email); either match
 * links two responses, so an online response with an email and a posted form with name and
 * postcode are tied together through a third response that has all three.
 *
 * Two kinds of group are returned for the official to resolve (nothing is removed here):
 * - 'exact': same person, same content (answers compared after folding case, accents,
 *   punctuation and white space; choices compared as sets);
 * - 'same-person': same person, different content (a changed mind, or a partial resend) — the
 *   official decides which counts.
 * Identical content from different or unknown people is not a duplicate: that is a campaign or a
 * common short answer, handled by campaign detection.
 */
import { combineHash, hashString } from '../core/hash';
import { normaliseText } from './text';

export interface DuplicateCandidate {
  id: string;
  name?: string | null;
  email?: string | null;
  postcode?: string | null;
  /** When it arrived (ISO 8601), used to order members and to suggest which to keep. */
  receivedAt?: string | null;
  /** Channel (online, email, post…), shown to the official; not used for matching. */
  channel?: string | null;
  /** Answers by question id: text for open questions, option ids for closed ones. */
  answers: Readonly<Record<string, string | readonly string[] | null | undefined>>;
}

export type DuplicateKind = 'exact' | 'same-person';

export interface DuplicateGroup {
  /** Stable: derived from the sorted member ids. */
  id: string;
  kind: DuplicateKind;
  /** Oldest first (by receivedAt, then input order). */
  memberIds: string[];
  /** How the members were recognised as one person. */
  matchedOn: Array<'email' | 'name-and-postcode'>;
  /** Suggested response to keep: the latest received; for 'exact' groups any would do. */
  suggestedKeepId: string;
}

/** Lower-cased, trimmed email without a "mailto:" prefix; null if it is not an address. */
export function normaliseEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const e = email
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) ? e : null;
}

/** Folded name with its words sorted, so "Smith, Jane" and "jane smith" match. */
export function normalisePersonName(name: string | null | undefined): string | null {
  if (!name) return null;
  const w = normaliseText(name)
    .split(' ')
    .filter((t) => t && !['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof'].includes(t));
  return w.length ? w.sort().join(' ') : null;
}

/** Upper-case postcode without spaces; null if empty. */
export function normalisePostcode(pc: string | null | undefined): string | null {
  if (!pc) return null;
  const p = pc.replace(/[^a-z0-9]/gi, '').toUpperCase();
  return p.length >= 3 ? p : null;
}

/** A hash of the answers, insensitive to case, punctuation, white space and choice order. */
export function contentKey(answers: DuplicateCandidate['answers']): string {
  const parts: string[] = [];
  for (const qid of Object.keys(answers).sort()) {
    const a = answers[qid];
    if (a === null || a === undefined) continue;
    const v = typeof a === 'string' ? normaliseText(a) : [...a].sort().join('\u0001');
    if (v) parts.push(`${qid}\u0002${v}`);
  }
  const s = parts.join('\u0003');
  return `${s.length}:${hashString(s, 11).toString(36)}${hashString(s, 29).toString(36)}`;
}

export function findDuplicates(responses: readonly DuplicateCandidate[]): DuplicateGroup[] {
  const n = responses.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const matched = new Map<number, Set<'email' | 'name-and-postcode'>>();
  const link = (a: number, b: number, how: 'email' | 'name-and-postcode') => {
    const ra = find(a);
    const rb = find(b);
    const m = new Set([...(matched.get(ra) ?? []), ...(matched.get(rb) ?? []), how]);
    if (ra !== rb) parent[rb] = ra;
    matched.set(find(a), m);
  };
  const firstByEmail = new Map<string, number>();
  const firstByNamePostcode = new Map<string, number>();
  responses.forEach((r, i) => {
    const email = normaliseEmail(r.email);
    if (email) {
      const f = firstByEmail.get(email);
      if (f === undefined) firstByEmail.set(email, i);
      else link(f, i, 'email');
    }
    const name = normalisePersonName(r.name);
    const pc = normalisePostcode(r.postcode);
    if (name && pc) {
      const k = `${name}|${pc}`;
      const f = firstByNamePostcode.get(k);
      if (f === undefined) firstByNamePostcode.set(k, i);
      else link(f, i, 'name-and-postcode');
    }
  });

  const people = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const list = people.get(r);
    if (list) list.push(i);
    else people.set(r, [i]);
  }
  const order = (a: number, b: number) =>
    (responses[a]!.receivedAt ?? '').localeCompare(responses[b]!.receivedAt ?? '') || a - b;
  const groups: DuplicateGroup[] = [];
  for (const [root, members] of people) {
    if (members.length < 2) continue;
    const matchedOn = [...(matched.get(root) ?? [])].sort();
    const byContent = new Map<string, number[]>();
    for (const i of members) {
      const k = contentKey(responses[i]!.answers);
      const list = byContent.get(k);
      if (list) list.push(i);
      else byContent.set(k, [i]);
    }
    const make = (kind: DuplicateKind, idx: number[]): DuplicateGroup => {
      const sorted = [...idx].sort(order);
      const ids = sorted.map((i) => responses[i]!.id);
      const h = [...ids].sort().reduce((acc, id) => combineHash(acc, hashString(id)), 0x2545f491);
      return {
        id: `${kind}-${h.toString(16).padStart(8, '0')}`,
        kind,
        memberIds: ids,
        matchedOn,
        suggestedKeepId: ids[ids.length - 1]!,
      };
    };
    for (const idx of byContent.values()) if (idx.length > 1) groups.push(make('exact', idx));
    if (byContent.size > 1) groups.push(make('same-person', members));
  }
  return groups.sort((a, b) => a.memberIds[0]!.localeCompare(b.memberIds[0]!) || a.kind.localeCompare(b.kind));
}
