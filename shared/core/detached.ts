/**
 * A copy of a string that shares no memory with the string it was cut from. V8 makes a substring
 * of 13 characters or more a view into its parent, so one short value kept in a long-lived cache
 * keeps the whole parent alive: a whole survey export (135 MB as text, per file imported) was held
 * by normaliseLabel's cache until the process ended. Use it for anything kept beyond the call.
 */
export const detached = (s: string): string => JSON.parse(JSON.stringify(s)) as string;
