// Types for boundaries.js (plain JS so ESLint loads it without a build), for the tests that exercise it.
import type { Rule } from 'eslint';

export declare const boundaries: Rule.RuleModule;
