/**
 * Finding and removing personal data in one free text: the rule-based finders (`patterns.ts`) and
 * the names (`register.ts`) together, overlaps resolved (the longest finding wins; on a tie the
 * kind earlier in `PRIORITY`), each finding replaced by its kind's marker. This is what the
 * exports call, at publication level, on every answer, quote and excerpt they write.
 */
import { markerFor, type PersonalDataFinding, type PersonalDataKind } from './kinds';
import { findPatterns } from './patterns';
import { buildNameRegister, type NameRegister } from './register';

/** On a tie in length, which kind a span is taken as. */
const PRIORITY: Record<PersonalDataKind, number> = {
  email: 0,
  'profile-url': 1,
  'ni-number': 2,
  phone: 3,
  'nhs-number': 4,
  address: 5,
  postcode: 6,
  name: 7,
};

let noRegister: NameRegister | undefined;

/** Keeps the longest of overlapping findings; returns them sorted by start. */
export function resolveOverlaps(found: readonly PersonalDataFinding[]): PersonalDataFinding[] {
  if (found.length < 2) return [...found];
  const byStrength = [...found].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start,
  );
  const kept: PersonalDataFinding[] = [];
  for (const f of byStrength) {
    if (f.end <= f.start) continue;
    if (kept.every((k) => f.end <= k.start || f.start >= k.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * The personal data in `text`: sorted, non-overlapping findings. Without a register, names are
 * still found where their shape shows them ("Dr Patel", "my GP Sarah Jones"), but not respondents'
 * names written alone or in lower case.
 */
export function findPersonalData(text: string, register?: NameRegister): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  if (!text) return found;
  findPatterns(text, found);
  (register ?? (noRegister ??= buildNameRegister([]))).findNames(text, found);
  return resolveOverlaps(found);
}

/** Replaces findings (sorted, non-overlapping) in `text` by their markers. */
export function applyMarkers(text: string, findings: readonly PersonalDataFinding[]): string {
  if (!findings.length) return text;
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + markerFor(f.kind);
    at = f.end;
  }
  return out + text.slice(at);
}

/** `text` with every piece of personal data replaced by its marker, and what was replaced. */
export function redactPersonalData(
  text: string,
  register?: NameRegister,
): { text: string; findings: PersonalDataFinding[] } {
  const findings = findPersonalData(text, register);
  return { text: applyMarkers(text, findings), findings };
}
