export { checkDraft, openErrors, RULES, INTERNAL_RULE_ID, locationKey } from './engine';
export type { Finding, FindingLocation, RuleInfo, Severity, CheckOptions } from './types';
