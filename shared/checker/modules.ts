import type { RuleModule } from './rule-module';
import { aboutYouRules } from './rules/about-you';
import { acronymRules } from './rules/acronyms';
import { confidentialityRules } from './rules/confidentiality';
import { dateStyleRules } from './rules/date-style';
import { linkRules } from './rules/links';
import { listRules } from './rules/lists';
import { metadataRules } from './rules/metadata';
import { privacyRules } from './rules/privacy';
import { questionRules } from './rules/questions';
import { readabilityRules } from './rules/readability';
import { sectionRules } from './rules/sections';
import { sentenceRules } from './rules/sentences';
import { styleRules } from './rules/style';
import { timingRules } from './rules/timing';
import { wordsToAvoidRules } from './rules/words-to-avoid';

/** Reported by the engine itself when a rule throws on unexpected input (never expected on a valid draft). */
const internalRules: RuleModule = {
  rules: [
    {
      id: 'R-INTERNAL',
      severity: 'advice',
      title: 'Some checks could not run',
      description:
        'A group of checks failed on unexpected input; the others still ran. Never expected: please report it.',
      standardRef: '—',
    },
  ],
  check() {},
};

/** Every rule group, in the order of the catalogue (and of RULES.md). */
export const RULE_MODULES: readonly RuleModule[] = [
  metadataRules,
  timingRules,
  dateStyleRules,
  wordsToAvoidRules,
  styleRules,
  sentenceRules,
  readabilityRules,
  acronymRules,
  questionRules,
  sectionRules,
  linkRules,
  listRules,
  confidentialityRules,
  privacyRules,
  aboutYouRules,
  internalRules,
];
