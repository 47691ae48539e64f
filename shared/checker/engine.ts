import type { Draft } from '../domain/draft/model';
import { CheckContext, compareOrder } from './context';
import { viewDraft } from './draft-view';
import { RULE_MODULES } from './modules';
import { fnv1a, normaliseForKey } from './text/hash';
import { SEVERITY_RANK, type CheckOptions, type Finding, type FindingLocation, type RuleInfo } from './types';

/**
 * The standard checker: runs every rule on a draft and returns the findings in document order,
 * each with a stable key; findings the team dismissed come back with `dismissed` set. Pure and
 * synchronous, fast enough to run on every (debounced) keystroke in the renderer.
 */
export const RULES: readonly RuleInfo[] = RULE_MODULES.flatMap((m) => m.rules);

const CATALOGUE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.id, r]));

/** Reported instead of throwing if a rule fails on unexpected input, so the rest of the check still runs. */
export const INTERNAL_RULE_ID = 'R-INTERNAL';

export function checkDraft(draft: Draft, options: CheckOptions = {}): Finding[] {
  const now = options.now ?? new Date();
  const view = viewDraft(draft);
  const ctx = new CheckContext(view, now, CATALOGUE);
  for (const m of RULE_MODULES) {
    try {
      m.check(ctx);
    } catch (e) {
      ctx.report({
        ruleId: INTERNAL_RULE_ID,
        title: 'Some checks could not run',
        message:
          `The checker could not finish the “${m.rules[0]?.title ?? 'unknown'}” checks on this draft ` +
          `(${e instanceof Error ? e.message : String(e)}). Other checks ran. Please report this.`,
        location: { kind: 'draft' },
        fingerprint: m.rules[0]?.id ?? '',
        severity: 'advice',
      });
    }
  }
  const dismissals = new Map(view.dismissed.map((d) => [d.key, d]));
  const seen = new Map<string, number>();
  const findings = ctx.reports.map(({ report, order }, i) => {
    const info = CATALOGUE.get(report.ruleId);
    const fingerprintPart =
      report.fingerprint !== undefined ? `#${fnv1a(normaliseForKey(report.fingerprint.slice(0, 2000)))}` : '';
    let key = `${report.ruleId}@${locationKey(report.location)}${fingerprintPart}`;
    // The same rule, place and text twice (a repeated word in one paragraph): number the repeats.
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) key = `${key}~${n}`;
    const finding: Finding = {
      key,
      ruleId: report.ruleId,
      severity: report.severity ?? info?.severity ?? 'advice',
      title: report.title,
      message: report.message,
      location: report.location,
    };
    const dismissal = dismissals.get(key);
    if (dismissal) finding.dismissed = { reason: dismissal.reason, at: dismissal.at, by: dismissal.by };
    return { finding, order, i };
  });
  findings.sort(
    (a, b) =>
      compareOrder(a.order, b.order) ||
      SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
      (a.finding.ruleId < b.finding.ruleId ? -1 : a.finding.ruleId > b.finding.ruleId ? 1 : 0) ||
      a.i - b.i,
  );
  return findings.map((f) => f.finding);
}

/** Errors nobody has dismissed: while any remain, `workbench check` exits 1. */
export function openErrors(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' && !f.dismissed);
}

/**
 * The place part of a finding's key. Section findings are keyed by section, not block position, so a
 * dismissal survives paragraphs being added above; the fingerprint (the matched text) tells apart
 * findings within a section.
 */
export function locationKey(loc: FindingLocation): string {
  switch (loc.kind) {
    case 'draft':
      return 'draft';
    case 'metadata':
      return `metadata:${loc.field}`;
    case 'section':
      return `section:${loc.sectionId}`;
    case 'question':
      return `question:${loc.questionId}${loc.field ? `:${loc.field}` : ''}`;
    case 'aboutYou':
      return `aboutYou:${loc.key}`;
    case 'privacy':
      return `privacy:${loc.field}`;
  }
}
