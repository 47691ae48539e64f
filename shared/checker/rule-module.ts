import type { CheckContext } from './context';
import type { RuleInfo } from './types';

/** A group of related rules: their catalogue entries, and the function that checks them. */
export interface RuleModule {
  rules: RuleInfo[];
  check(ctx: CheckContext): void;
}
