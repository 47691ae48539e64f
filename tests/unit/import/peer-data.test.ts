import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blankDraft } from '#shared/domain/draft/template';
import type { Draft } from '#shared/domain/draft/model';
import { docFromText } from '#shared/domain/draft/rich-text';
import { readSourceFile } from '#electron/services/formats/read/index';
import { detectLayout, proposeMapping, inferQuestions, applyMapping } from '#shared/domain/survey-import/index';

/**
 * i.AI Consult's fixtures (shared/reference/peer-data): files no one on this project wrote. Each
 * must import with nothing more than confirming the proposal — starting from an empty workspace,
 * so the questions are created from the columns.
 */
// shared/ sits beside the repository (the team's reference folder), in a checkout and in CI alike.
const DIR =
  [
    fileURLToPath(new URL('../../../../shared/reference/peer-data/i-ai-consult', import.meta.url)),
    '/work/shared/reference/peer-data/i-ai-consult',
  ].find((d) => existsSync(d)) ?? 'shared/reference/peer-data/i-ai-consult (not found beside the repository)';

function startFrom(file: string) {
  const table = readSourceFile(readFileSync(join(DIR, file)), file);
  const layout = detectLayout(table);
  const draft: Draft = blankDraft('From an export');
  draft.sections.push({
    id: 'imported',
    kind: 'other',
    title: 'Questions from the export',
    body: docFromText(''),
    guidance: '',
  });
  const first = proposeMapping(layout, draft, table);
  draft.questions.push(...inferQuestions(layout, table, { sectionId: 'imported', columns: first.unmatched }));
  const proposal = proposeMapping(layout, draft, table);
  const result = applyMapping(table, layout, proposal.mapping, draft);
  return { table, layout, draft, proposal, result };
}

describe('peer data from i.AI Consult', () => {
  it('biomass: two header rows ("Ident 1…" over question texts), all "About you" fields', () => {
    const { layout, proposal, result } = startFrom('responses_biomass_format.csv');
    expect(layout.headerRowCount).toBe(2);
    expect(result.responses).toHaveLength(5);
    expect(result.rejected).toEqual([]);
    expect(result.responses.map((r) => r.sourceRow)).toEqual([3, 4, 5, 6, 7]);
    expect(proposal.mapping).toEqual([
      { kind: 'respondent', field: 'name' },
      { kind: 'respondent', field: 'email' },
      { kind: 'respondent', field: 'respondingAs' },
      { kind: 'respondent', field: 'respondentType' },
      { kind: 'respondent', field: 'publishConsent' },
    ]);
    expect(result.responses.map((r) => r.respondent.respondingAs)).toEqual([
      'Organisation',
      'Organisation',
      'Individual',
      'Organisation',
      'Individual',
    ]);
    expect(result.responses[0]!.respondent.respondentType).toBe('Biomass Supplier');
    // No header text was taken as a response.
    expect(result.responses.some((r) => Object.values(r.respondent).some((v) => /\?$/.test(v ?? '')))).toBe(false);
  });

  it('lgr: "Prop 1 Q1 - …" headers; respondent fields; agree/disagree questions recognised from their values', () => {
    const { layout, draft, proposal, result } = startFrom('responses_lgr_format.csv');
    expect(layout.headerRowCount).toBe(1);
    expect(result.responses).toHaveLength(5);
    expect(proposal.mapping.slice(0, 3)).toEqual([
      { kind: 'respondent', field: 'respondingAs' },
      { kind: 'respondent', field: 'region' },
      { kind: 'respondent', field: 'respondentType' },
    ]);
    expect(draft.questions.map((q) => q.type)).toEqual([
      'likert_agree5',
      'likert_agree5',
      'open_text',
      'likert_agree5',
      'open_text',
    ]);
    // Numbers restart per proposal, so both "Q1" columns became their own questions.
    expect(draft.questions.map((q) => q.text)).toEqual([
      'Do you agree or disagree with the proposal?',
      'To what extent do you agree the councils will deliver the outcomes?',
      'Please use this space to explain your answers to questions 1-7',
      'Do you agree or disagree with this proposal?',
      'Please use this space to explain your answers to questions 1-7',
    ]);
    const first = result.responses[0]!;
    expect(first.respondent).toEqual({ respondingAs: 'Individual', region: 'Derbyshire', respondentType: 'Other' });
    expect(first.answers.map((a) => a.optionIds)).toEqual([
      ['likert-strongly-agree'],
      ['likert-agree'],
      [],
      ['likert-strongly-agree'],
      [],
    ]);
    expect(first.answers[2]!.text).toBe('I support this because it provides better local services for residents');
  });

  it('scr: one header row then a blank row; closed questions from their values, open text kept', () => {
    const { layout, draft, proposal, result } = startFrom('responses_scr_format.csv');
    expect(layout.dataStart).toBe(2);
    expect(result.responses).toHaveLength(5);
    expect(result.blankRows).toEqual([]);
    expect(result.responses.map((r) => r.sourceRow)).toEqual([3, 4, 5, 6, 7]);
    expect(proposal.mapping.slice(0, 2)).toEqual([
      { kind: 'respondent', field: 'respondingAs' },
      { kind: 'respondent', field: 'organisation' },
    ]);
    expect(draft.questions.map((q) => [q.type, q.options.map((o) => o.label)])).toEqual([
      ['single_choice', ['Not applicable', '11-50 employees', '1-10 employees']],
      ['single_choice', ['Very Useful', 'Useful', 'Not Useful']],
      ['open_text', []],
    ]);
    expect(result.responses[1]!.respondent).toEqual({ respondingAs: 'Company', organisation: 'BuildCo Ltd' });
    expect(result.unmatchedValues).toEqual([]);
  });
});
