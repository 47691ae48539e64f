/** An email as read from a .eml or Outlook .msg file: what the email channel turns into a response. */
export interface EmailAttachment {
  name: string;
  size: number;
  contentType: string;
}

export interface EmailMessage {
  from: string;
  fromName: string;
  to: string[];
  /** ISO 8601 instant, or '' when the message has no readable date. */
  date: string;
  subject: string;
  /** Plain text: the text/plain part, or the HTML part reduced to text. */
  body: string;
  attachments: EmailAttachment[];
  format: 'eml' | 'msg';
}
