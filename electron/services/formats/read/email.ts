import PostalMime from 'postal-mime';
import type { Email as ParsedMail } from 'postal-mime';
import * as msgReaderModule from '@kenjiuno/msgreader';
import type MsgReaderClass from '@kenjiuno/msgreader';
import { AppError } from '#shared/core/errors';
import type { EmailAttachment, EmailMessage } from '#shared/domain/responses/email';
import { formatBytes, withLimits, type ImportLimits } from './limits';
import { htmlToText } from './html-to-text';
import { checkCompoundFile } from './cfb-guard';
import iconv from 'iconv-lite';

/**
 * An emailed response → sender, date, subject, plain-text body and the attachments it carried
 * (listed, not opened). .eml (RFC 822/MIME: multipart, quoted-printable, base64, any charset,
 * encoded-word headers) is parsed by postal-mime; Outlook .msg (an OLE2 compound file) by
 * @kenjiuno/msgreader. The body is the text/plain part, or the HTML part reduced to text.
 */
/**
 * The reader class however the package was loaded. It is CommonJS that marks itself __esModule and
 * puts the class on `exports.default`: a bundler (and vitest) hands over that class as the default
 * import, but Node's own ESM loader — the shipped CLI and browser host — hands over the whole
 * `exports` object, whose `.default` is the class. Taking the default import alone broke every
 * .msg import in the built app while the tests from source passed.
 */
const MsgReader: typeof MsgReaderClass = ((m: { default: unknown }) => {
  const d = m.default as typeof MsgReaderClass | { default: typeof MsgReaderClass };
  return typeof d === 'function' ? d : d.default;
})(msgReaderModule as { default: unknown });

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function readEmail(
  bytes: Uint8Array,
  fileName: string,
  limits?: Partial<ImportLimits>,
): Promise<EmailMessage> {
  const lim = withLimits(limits);
  if (bytes.length === 0) throw new AppError('bad-file', `${fileName} is empty.`, { reason: 'empty' });
  if (bytes.length > lim.maxEmailBytes)
    throw new AppError(
      'bad-file',
      `${fileName} is ${formatBytes(bytes.length)}; emails up to ${formatBytes(lim.maxEmailBytes)} are read.`,
      { reason: 'too-large' },
    );
  if (OLE2.every((v, i) => bytes[i] === v)) return readMsg(bytes, fileName);
  // An email saved as text but named .msg (some mail programs do) is read for what it is.
  if (/\.msg$/i.test(fileName) && !looksLikeEml(bytes))
    throw new AppError(
      'bad-file',
      `${fileName} is not an Outlook message: it may be damaged. Save the message again from Outlook and import that.`,
      { reason: 'damaged' },
    );
  return readEml(bytes, fileName);
}

/** Starts with email headers (a name, a colon) and no NUL bytes. */
function looksLikeEml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return /^[\x21-\x39\x3b-\x7e]+:/m.test(head) && !bytes.subarray(0, 4096).includes(0);
}

async function readEml(bytes: Uint8Array, fileName: string): Promise<EmailMessage> {
  if (!looksLikeEml(bytes))
    throw new AppError('bad-file', `${fileName} is not an email message (.eml): it has no email headers.`, {
      reason: 'not-an-email',
    });
  let mail: ParsedMail;
  try {
    mail = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 50 });
  } catch (e) {
    throw new AppError('bad-file', `${fileName} could not be read as an email: ${(e as Error).message}`, {
      reason: 'damaged',
    });
  }
  const from =
    mail.from && 'address' in mail.from && mail.from.address
      ? mail.from
      : mail.sender && 'address' in mail.sender
        ? mail.sender
        : undefined;
  const to: string[] = [];
  for (const a of mail.to ?? []) {
    if (a.address) to.push(a.address);
    else if (a.group) for (const m of a.group) if (m.address) to.push(m.address);
  }
  const body = mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html) : '';
  const attachments: EmailAttachment[] = mail.attachments.map((a) => ({
    name: a.filename ?? '(no name)',
    size: typeof a.content === 'string' ? a.content.length : a.content.byteLength,
    contentType: a.mimeType || 'application/octet-stream',
  }));
  return {
    from: from?.address ?? '',
    fromName: from?.name ?? '',
    to,
    date: isoOrEmpty(mail.date),
    subject: fixC1(mail.subject ?? ''),
    body: tidy(body),
    attachments,
    format: 'eml',
  };
}

function readMsg(bytes: Uint8Array, fileName: string): EmailMessage {
  // The reader trusts the file's tables; they are checked first (a looping chain killed the process).
  checkCompoundFile(bytes, fileName);
  let data: ReturnType<MsgReaderClass['getFileData']>;
  try {
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    data = new MsgReader(ab).getFileData();
  } catch {
    // The reader's own words ("Offset is outside the bounds of the DataView") say nothing to the official.
    throw new AppError(
      'bad-file',
      `${fileName} is damaged: it could not be read as an Outlook message. Save the message again from Outlook ` +
        `and import that.`,
      { reason: 'damaged' },
    );
  }
  if (data.error)
    throw new AppError(
      'bad-file',
      `${fileName} is damaged: it could not be read as an Outlook message (${data.error}). Save the message ` +
        `again from Outlook and import that.`,
      { reason: 'damaged' },
    );
  if (data.dataType !== undefined && data.dataType !== 'msg')
    throw new AppError('bad-file', `${fileName} is not an Outlook message.`, { reason: 'not-an-email' });
  if (
    !data.subject &&
    !data.body &&
    !data.bodyHtml &&
    !data.html &&
    !data.senderEmail &&
    !data.senderSmtpAddress &&
    !data.senderName
  ) {
    throw new AppError(
      'bad-file',
      `${fileName} has no message in it: no sender, subject or text could be read. It may be damaged; save the ` +
        `message again from Outlook and import that.`,
      { reason: 'damaged' },
    );
  }
  const to = (data.recipients ?? [])
    .filter((r) => (r.recipType ?? 'to') === 'to')
    .map((r) => r.smtpAddress || r.email || r.name || '')
    .filter(Boolean);
  const html = data.bodyHtml ?? (data.html ? new TextDecoder().decode(data.html) : '');
  const body = data.body?.trim() ? data.body : html ? htmlToText(html) : '';
  const attachments: EmailAttachment[] = (data.attachments ?? []).map((a) => ({
    name: a.fileName ?? a.fileNameShort ?? a.name ?? '(no name)',
    size: a.contentLength ?? 0,
    contentType: a.attachMimeTag ?? 'application/octet-stream',
  }));
  return {
    from: data.senderSmtpAddress || data.senderEmail || '',
    fromName: data.senderName ?? '',
    to,
    date: isoOrEmpty(data.clientSubmitTime ?? data.messageDeliveryTime ?? data.creationTime),
    subject: data.subject ?? '',
    body: tidy(body),
    attachments,
    format: 'msg',
  };
}

function isoOrEmpty(s: string | undefined): string {
  if (!s) return '';
  const t = Date.parse(s);
  return Number.isNaN(t) ? '' : new Date(t).toISOString();
}

/**
 * Windows-1252 text labelled ISO-8859-1 (common in older mail clients) decodes to C1 control
 * characters where the sender typed – “ ” ‘ ’ €: map those back, one character at a time.
 */
function fixC1(s: string): string {
  return s.replace(/[\u0080-\u009f]/g, (c) => iconv.decode(Buffer.from([c.charCodeAt(0)]), 'win1252'));
}

function tidy(s: string): string {
  return fixC1(s)
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
