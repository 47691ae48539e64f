/**
 * The documents after the consultation: the typed report (model.ts), what may be shown at a
 * redaction level (prepare.ts, tables.ts, rows.ts) and the refusals (errors.ts). Pure: the UI can
 * call prepareReport to check an export before asking for it.
 */
export * from './model';
export * from './errors';
export * from './prepare';
export * from './tables';
export * from './rows';
export * from '../domain/report-export-kinds';
export * from './fields';
