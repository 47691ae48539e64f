export * from './iso-date';
export * from './easter';
export * from './bank-holidays';
export * from './holidays';
