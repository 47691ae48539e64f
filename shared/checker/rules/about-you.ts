import type { RuleModule } from '../rule-module';

/**
 * The "About you" questions (consultation-standard.md §7.2): labels, choice lists, and the
 * parental consent note when age is asked (under-13s need consent).
 */
const CHOICE_KEYS = new Set([
  'respondingAs',
  'respondentType',
  'region',
  'ageBand',
  'confidential',
  'publishConsent',
  'contactConsent',
]);

export const aboutYouRules: RuleModule = {
  rules: [
    {
      id: 'R-AY1',
      severity: 'error',
      title: 'About-you question without a label',
      description: 'A switched-on “About you” question with no wording.',
      standardRef: '§7.2',
    },
    {
      id: 'R-AY2',
      severity: 'warning',
      title: 'About-you choice with too few options',
      description:
        'A switched-on choice question (responding as, respondent type, region, age, confidentiality, consents) ' +
        'with fewer than 2 options.',
      standardRef: '§7.2',
    },
    {
      id: 'R-AY3',
      severity: 'advice',
      title: 'Age asked without the consent note',
      description:
        'The age question is switched on but neither its hint nor its options mention that under-13s need a ' +
        'parent’s or guardian’s consent.',
      standardRef: '§7.2 (under-13s need consent)',
    },
  ],
  check(ctx) {
    for (const f of ctx.draft.aboutYou) {
      if (!f.enabled) continue;
      const loc = { kind: 'aboutYou' as const, key: f.key };
      if (!f.label.trim())
        ctx.report({
          ruleId: 'R-AY1',
          title: 'About-you question without a label',
          message: `The “${f.key}” question in “About you” has no wording. Write it, or switch the question off.`,
          location: loc,
        });
      if (CHOICE_KEYS.has(f.key) && f.options.filter((o) => o.trim()).length < 2)
        ctx.report({
          ruleId: 'R-AY2',
          title: 'Too few options',
          message:
            `“${f.label.trim() || f.key}” is a choice question with fewer than 2 options. Add the options people ` +
            `choose from.`,
          location: loc,
        });
      if (f.key === 'ageBand' && !/consent|parent|guardian/i.test(`${f.hint} ${f.label}`))
        ctx.report({
          ruleId: 'R-AY3',
          title: 'Age asked without the consent note',
          message:
            'You ask people their age. Say that children under 13 need a parent’s or guardian’s consent to respond.',
          location: loc,
        });
    }
  },
};
