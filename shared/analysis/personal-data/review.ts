/**
 * What an official decided about a finding (Responses → Personal data), and how a decision finds its
 * finding again. A finding is recognised by the answer it is in and by its kind and text (case and
 * spacing aside), not by its offsets: a correction to the answer elsewhere leaves the decision standing,
 * and the same name twice in one answer is one decision.
 *
 * - 'remove': the official confirmed it is personal data; published text shows the marker (as it does
 *   for a finding nobody has reviewed yet: removal is the default).
 * - 'release': the official judged it is not personal data (a minister's name, a town called after a
 *   person, a charity's public phone line) and gave a reason; published text keeps it as written.
 */
import type { PersonalDataFinding, PersonalDataKind } from './kinds';

export type PersonalDataDecision = 'remove' | 'release';

/** The finding's identity within its answer: kind and text, case and runs of spaces aside. */
export function findingKey(kind: PersonalDataKind, text: string): string {
  return `${kind}:${text.replace(/\s+/g, ' ').trim().toLowerCase()}`;
}

/** The answer a finding is in: the response and the question. */
export function answerKey(responseId: string | number, questionId: string): string {
  return `${responseId}/${questionId}`;
}

/** Findings the official released, by answerKey: their findingKeys. Plain data, so it crosses to workers. */
export type ReleasedFindings = Readonly<Record<string, readonly string[]>>;

/** The findings still to be removed once those released in this answer are set aside. */
export function withoutReleased(
  findings: readonly PersonalDataFinding[],
  released: ReadonlySet<string> | undefined,
): readonly PersonalDataFinding[] {
  if (!released || released.size === 0) return findings;
  return findings.filter((f) => !released.has(findingKey(f.kind, f.text)));
}
