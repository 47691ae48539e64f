/** Class names joined with spaces, the falsy ones left out: `classes('govuk-table', wide && 'app-wide')`. */
export const classes = (...names: (string | false | null | undefined)[]): string => names.filter(Boolean).join(' ');
