import type { z } from 'zod';

/**
 * A contract check's complaint in words a person reads. The contract's own messages (a title's
 * "65 characters") are kept; zod's defaults ("Too big: expected string to have <=1000
 * characters") name a type and a bound, so they become a sentence naming the field and the limit.
 */
const DEFAULT = /^(Too big|Too small|Invalid input|Invalid option|Invalid string|Unrecognized key)/;

/** "filters.questionId" → "question id"; a number in the path says which one. */
function fieldName(path: readonly PropertyKey[]): string {
  let at = path.length - 1;
  while (at >= 0 && typeof path[at] !== 'string') at--;
  if (at < 0) return 'the value';
  const field = `the ${String(path[at])
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()}`;
  // values[3][1]: the complaint is about one item of a list, not the list.
  return at < path.length - 1 ? `an item in ${field}` : field;
}

const count = (n: number | bigint) => Number(n).toLocaleString('en-GB');

export function plainIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'The request was not valid.';
  if (!DEFAULT.test(issue.message)) return issue.message;
  const name = fieldName(issue.path);
  const Name = name.charAt(0).toUpperCase() + name.slice(1);
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `${Name} is too long: at most ${count(issue.maximum)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${Name} has too many items: at most ${count(issue.maximum)}.`;
      return `${Name} is too big: at most ${count(issue.maximum)}.`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? `${Name} is empty.`
          : `${Name} is too short: at least ${count(issue.minimum)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${Name} needs at least ${count(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'}.`;
      return `${Name} is too small: at least ${count(issue.minimum)}.`;
    case 'invalid_value':
      return `${Name} must be one of: ${issue.values.map(String).join(', ')}.`;
    case 'unrecognized_keys':
      return (
        `${issue.keys.length === 1 ? 'This setting is' : 'These settings are'} not ` +
        `recognised: ${issue.keys.join(', ')}.`
      );
    case 'invalid_type':
      return `${Name} is missing or of the wrong kind (expected ${issue.expected}).`;
    default:
      return `${Name} is not valid.`;
  }
}
