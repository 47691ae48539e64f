// Types for line-width.js (plain JS so ESLint loads it without a build), for the tests that exercise it.
import type { Rule } from 'eslint';

export declare const MAX_WIDTH: number;
export declare const lineWidth: Rule.RuleModule;
