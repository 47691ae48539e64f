import { docText } from '../../domain/draft/rich-text';
import type { RuleModule } from '../rule-module';

/**
 * The confidentiality paragraph (consultation-standard.md §3.5): responses, including personal
 * data, may be published or disclosed under FOIA 2000, EIR 2004 and data protection law; anyone
 * wanting confidentiality must give reasons and it cannot be guaranteed (R-CONF1). Automatic IT
 * disclaimers are not binding, and representative groups say whom they represent (R-CONF2).
 * Read from every section of the "confidentiality" kind; a missing section is R-SEC1's.
 */
const ELEMENTS: { key: string; test: RegExp; missing: string }[] = [
  { key: 'foia', test: /freedom of information|\bfoia\b|\bfoi\b/i, missing: 'the Freedom of Information Act 2000' },
  {
    key: 'eir',
    test: /environmental information regulations|\beir\b/i,
    missing: 'the Environmental Information Regulations 2004',
  },
  {
    key: 'dp',
    test: /data protection|\bgdpr\b/i,
    missing: 'data protection law (UK GDPR and the Data Protection Act 2018)',
  },
  {
    key: 'no-guarantee',
    test: new RegExp(
      [
        String.raw`\b(?:cannot|can ?not|can['’]t|unable to|not (?:always )?(?:be )?able to|will not|`,
        String.raw`won['’]t|do not|don['’]t)\s+(?:always\s+)?(?:guarantee|promise|ensure|assure)|`,
        String.raw`\bno guarantee|\bnot (?:be )?guaranteed|\bcannot be guaranteed|\bnot guarantee`,
      ].join(''),
      'i',
    ),
    missing: 'that confidentiality cannot be guaranteed',
  },
];

const OPTIONAL: { key: string; test: RegExp; missing: string }[] = [
  {
    key: 'disclaimer',
    test: /disclaimer|automatic(?:ally)?\b.*\bconfidential/i,
    missing: 'that an automatic confidentiality disclaimer from an IT system will not count as a request',
  },
  { key: 'represent', test: /\brepresent/i, missing: 'that organisations responding should say whom they represent' },
];

export const confidentialityRules: RuleModule = {
  rules: [
    {
      id: 'R-CONF1',
      severity: 'warning',
      title: 'Confidentiality section incomplete',
      description:
        'The confidentiality section does not mention the Freedom of Information Act (FOIA), the Environmental ' +
        'Information Regulations (EIR), data protection, or that confidentiality cannot be guaranteed (one ' +
        'finding for each).',
      standardRef: '§3.5',
    },
    {
      id: 'R-CONF2',
      severity: 'advice',
      title: 'Confidentiality section could say more',
      description:
        'The confidentiality section does not say that automatic IT disclaimers do not count, or that ' +
        'representative groups should say whom they represent.',
      standardRef: '§3.5',
    },
  ],
  check(ctx) {
    const sections = ctx.draft.sections.filter((s) => s.kind === 'confidentiality');
    if (!sections.length) return;
    const text = sections.map((s) => docText(s.body, { includeTables: true, includeHeadings: true })).join('\n');
    if (!text.trim()) return; // empty: R-SEC2/R-SEC3 say so
    const loc = { kind: 'section' as const, sectionId: sections[0]!.id };
    for (const e of ELEMENTS)
      if (!e.test.test(text))
        ctx.report({
          ruleId: 'R-CONF1',
          title: 'Confidentiality section incomplete',
          message:
            `The confidentiality section does not mention ${e.missing}. Say that responses, including personal ` +
            `information, may be published or disclosed under the Freedom of Information Act 2000, the ` +
            `Environmental Information Regulations 2004 and UK data protection law, and that confidentiality ` +
            `cannot be guaranteed.`,
          location: loc,
          fingerprint: e.key,
        });
    for (const e of OPTIONAL)
      if (!e.test.test(text))
        ctx.report({
          ruleId: 'R-CONF2',
          title: 'Confidentiality section could say more',
          message: `Consider saying ${e.missing}.`,
          location: loc,
          fingerprint: e.key,
        });
  },
};
