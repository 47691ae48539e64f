import type { ConflictVersion, ConflictView, SyncReport } from '#shared/domain/team';
import { plural } from '../shared/format';

/** The Team page's words: what a sync did, a role, who made a version (tests/e2e/team.spec.ts reads them). */

/** "Sent 5 changes. Brought in 12 changes from colleagues. 1 new conflict to settle: Theme “Cost”." */
export function syncReportText(
  r: Pick<SyncReport, 'pushed' | 'pulled' | 'newConflicts'> & { notSent?: string | null },
): string {
  const parts = [
    r.notSent ? r.notSent : r.pushed ? `Sent ${plural(r.pushed, 'change')}.` : 'Nothing to send.',
    r.pulled ? `Brought in ${plural(r.pulled, 'change')} from colleagues.` : 'Nothing new from colleagues.',
  ];
  const n = r.newConflicts.length;
  if (n === 1) parts.push(`1 new conflict to settle: ${r.newConflicts[0]!.subject}.`);
  else if (n > 1) parts.push(`${n} new conflicts to settle, listed under Conflicts.`);
  return parts.join(' ');
}

/** The team role the server gave this login, in words. */
export function roleText(role: string): string {
  switch (role) {
    case 'lead':
      return 'Lead';
    case 'analyst':
      return 'Analyst';
    case 'reader':
      return 'Reader (can see the team’s work, not change it)';
    case '':
      return 'No team roles are set up on the server';
    default:
      return role;
  }
}

/**
 * Who made a version: "you" for this copy's; a colleague by name, with "on another copy" when the same name also
 * made a version here (one person on two laptops).
 */
export function versionAuthor(v: ConflictVersion, all: readonly ConflictVersion[]): string {
  if (v.mine) return 'you';
  const sameNameMine = all.some((o) => o.mine && o.analyst === v.analyst);
  return sameNameMine ? `${v.analyst}, on another copy` : v.analyst;
}

/** What settling a conflict said, for the banner after "Keep this version". */
export function resolvedText(c: ConflictView, keep: number, r: Pick<SyncReport, 'pushed' | 'pulled' | 'newConflicts'>) {
  const v = c.versions[keep];
  const whose = v ? versionAuthor(v, c.versions) : '';
  const kept = whose === 'you' ? 'your version' : `the version by ${whose}`;
  return `${c.subject}: settled, keeping ${kept}. ${syncReportText(r)}`;
}

/**
 * The questions a slice copy holds, by their numbers in the consultation and in its order: "question 3",
 * "questions 3 and 5", "questions 1, 3 and 5". A question the numbers do not know is named by its id.
 */
export function sliceQuestionsText(slice: readonly string[], numbers: ReadonlyMap<string, string>): string {
  const order = [...numbers.keys()];
  const place = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const names = [...slice].sort((a, b) => place(a) - place(b)).map((id) => numbers.get(id) ?? id);
  const list = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.length === 1 ? 'question' : 'questions'} ${list}`;
}

/** What a team copy holds, for the Team page: "The whole consultation", "Question 3 only", "Questions 3 and 5 only". */
export function holdsText(slice: readonly string[] | null, numbers: ReadonlyMap<string, string>): string {
  if (!slice) return 'The whole consultation';
  const text = sliceQuestionsText(slice, numbers);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} only`;
}
