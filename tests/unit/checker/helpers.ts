import { checkDraft, type Finding } from '#shared/checker/index';
import type { Draft, Question } from '#shared/domain/draft/model';
import { exampleDraft } from '#shared/domain/draft/example';
import { docFromText, type Block, type Inline } from '#shared/domain/draft/rich-text';
import { londonToInstant } from '#shared/domain/govuk-dates';

/** A fixed "now" before the example opens, so the results do not depend on the day the tests run. */
export const NOW = new Date('2026-11-24T12:00:00Z');

export const SECTION = {
  foreword: 'example-section-foreword',
  summary: 'example-section-summary',
  background: 'example-section-background',
  proposal1: 'example-section-proposal-1',
  proposal3: 'example-section-proposal-3',
  impacts: 'example-section-impacts',
  howToRespond: 'example-section-how-to-respond',
  confidentiality: 'example-section-confidentiality',
} as const;

export function run(d: Draft, now = NOW): Finding[] {
  return checkDraft(d, { now });
}

export function of(d: Draft, ruleId: string, now = NOW): Finding[] {
  return run(d, now).filter((f) => f.ruleId === ruleId);
}

/** The example with one thing changed. */
export function ex(change: (d: Draft) => void = () => {}): Draft {
  const d = exampleDraft();
  change(d);
  return d;
}

/**
 * The example with the Background section's text replaced (blank lines separate paragraphs; "- " lines are bullets).
 */
export function withText(text: string, sectionId: string = SECTION.background): Draft {
  return ex((d) => {
    section(d, sectionId).body = docFromText(text);
  });
}

export function withBlocks(blocks: Block[], sectionId: string = SECTION.background): Draft {
  return ex((d) => {
    section(d, sectionId).body = { type: 'doc', content: blocks };
  });
}

export function section(d: Draft, id: string) {
  const s = d.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}`);
  return s;
}

export function question(d: Draft, n: number): Question {
  const q = d.questions.find((x) => x.id === `example-q${n}`);
  if (!q) throw new Error(`no question ${n}`);
  return q;
}

export const p = (...content: Inline[]): Block => ({ type: 'paragraph', content });
export const t = (text: string): Inline => ({ type: 'text', text });
export const bold = (text: string): Inline => ({ type: 'text', text, marks: [{ type: 'bold' }] });
export const link = (text: string, href: string): Inline => ({
  type: 'text',
  text,
  marks: [{ type: 'link', attrs: { href } }],
});
export const h = (level: 2 | 3, text: string): Block => ({ type: 'heading', attrs: { level }, content: [t(text)] });
export const bullets = (...items: string[]): Block => ({
  type: 'bulletList',
  content: items.map((i) => ({ type: 'listItem', content: [p(t(i))] })),
});

/** London wall-clock date and time as the ISO instant the draft stores. */
export function london(y: number, m: number, d: number, hh = 0, mm = 0): string {
  return londonToInstant(y, m, d, hh, mm).toISOString();
}

/** The example with new dates: opening 9am, closing 11:59pm, response due as given (ISO date). */
export function dated(
  open: [number, number, number],
  close: [number, number, number],
  due: string | null,
  change: (d: Draft) => void = () => {},
): Draft {
  return ex((d) => {
    d.metadata.opensAt = london(...open, 9, 0);
    d.metadata.closesAt = london(...close, 23, 59);
    d.metadata.responsePaper.dueDate = due;
    change(d);
  });
}
