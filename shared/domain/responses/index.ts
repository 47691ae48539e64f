/** Collated responses: the views the app shows (store.ts), and emails made into responses. */
export { responseFromEmail, type AssignedText } from './from-email';
export type { EmailMessage, EmailAttachment } from './email';
export * from './store';
