import type { RuleModule } from '../rule-module';
import type { CheckContext } from '../context';

/**
 * The "About this consultation" box (consultation-standard.md §3.2 R-BOX), the GOV.UK title and
 * summary rules (§5.3), and the purpose and impact records of Principles B and C (§1.2).
 */
const blank = (s: string) => !s.trim();
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const WEB = /^https?:\/\/[^\s/]+\.[^\s]+$/i;

function missing(ctx: CheckContext, field: string, what: string, fix: string) {
  ctx.report({
    ruleId: 'R-BOX',
    title: `${what} missing`,
    message: `${fix} It is a required part of the “About this consultation” box.`,
    location: { kind: 'metadata', field },
  });
}

function checkBox(ctx: CheckContext) {
  const m = ctx.draft.metadata;
  if (blank(m.title)) missing(ctx, 'title', 'Title', 'Give the consultation a title.');
  if (blank(m.audience))
    missing(
      ctx,
      'audience',
      'Audience (“To”)',
      'Say who the consultation is for: the people, businesses and groups you want to hear from.',
    );
  if (blank(m.department))
    missing(ctx, 'department', 'Lead department', 'Name the department or public body leading the consultation.');
  if (!m.opensAt) missing(ctx, 'opensAt', 'Opening date', 'Set the date and time the consultation opens.');
  else if (Number.isNaN(Date.parse(m.opensAt)))
    missing(ctx, 'opensAt', 'Opening date', `The opening date “${m.opensAt}” is not a date and time. Set it again.`);
  if (!m.closesAt) missing(ctx, 'closesAt', 'Closing date', 'Set the date and time the consultation closes.');
  else if (Number.isNaN(Date.parse(m.closesAt)))
    missing(ctx, 'closesAt', 'Closing date', `The closing date “${m.closesAt}” is not a date and time. Set it again.`);
  if (blank(m.enquiries.email) && blank(m.enquiries.phone))
    missing(
      ctx,
      'enquiries',
      'Enquiries contact',
      'Give an email address or telephone number for enquiries, including requests for other formats.',
    );
  if (blank(m.enquiries.alternativeFormats))
    missing(
      ctx,
      'enquiries.alternativeFormats',
      'Alternative formats',
      'Say how people can ask for the paper in another format, such as large print, Easy Read, audio or Braille.',
    );
  const w = m.waysToRespond;
  if (blank(w.onlineUrl) && blank(w.email) && blank(w.postalAddress) && !w.responseForm)
    missing(
      ctx,
      'waysToRespond',
      'Ways to respond',
      'Give at least one way to respond: an online link, an email address, a postal address or a response form.',
    );
  if (!m.responsePaper.dueDate)
    missing(
      ctx,
      'responsePaper.dueDate',
      'Response paper date',
      'Say when the government response will be published (usually within 12 weeks of closing).',
    );
  if (blank(m.complianceStatement))
    missing(
      ctx,
      'complianceStatement',
      'Compliance statement',
      'Add a statement that the consultation follows the Consultation Principles.',
    );
  if (
    m.impactAssessment.status === 'unknown' ||
    !['attached', 'not-needed', 'to-follow'].includes(m.impactAssessment.status)
  )
    missing(
      ctx,
      'impactAssessment',
      'Impact assessment status',
      'Say whether an impact assessment is attached, will follow, or is not needed (and why).',
    );
  if (!m.territorialExtent)
    missing(
      ctx,
      'territorialExtent',
      'Territorial extent',
      'Say where the proposals apply: England, England and Wales, Great Britain or the United Kingdom.',
    );
  else if (m.territorialExtent === 'other' && blank(m.territorialNote))
    missing(
      ctx,
      'territorialNote',
      'Territorial extent',
      'You chose “Other” for where the proposals apply: say which nations or areas.',
    );
}

function checkContactFormat(ctx: CheckContext) {
  const m = ctx.draft.metadata;
  const bad = (field: string, title: string, message: string) =>
    ctx.report({ ruleId: 'R-BOX2', title, message, location: { kind: 'metadata', field } });
  for (const [field, v] of [
    ['enquiries.email', m.enquiries.email],
    ['waysToRespond.email', m.waysToRespond.email],
  ] as const) {
    if (v.trim() && !EMAIL.test(v.trim()))
      bad(
        field,
        'Email address looks wrong',
        `“${v.trim()}” does not look like an email address. Check it: people will use it to contact you.`,
      );
  }
  const url = m.waysToRespond.onlineUrl.trim();
  if (url && !WEB.test(url))
    bad(
      'waysToRespond.onlineUrl',
      'Online response link looks wrong',
      `“${url}” is not a full web address. Give the whole address, starting https://.`,
    );
  const paperUrl = m.responsePaper.url.trim();
  if (paperUrl && !WEB.test(paperUrl))
    bad(
      'responsePaper.url',
      'Response paper link looks wrong',
      `“${paperUrl}” is not a full web address. Give the whole address, starting https://.`,
    );
  if (m.waysToRespond.responseForm && !m.waysToRespond.email.trim() && !m.waysToRespond.postalAddress.trim())
    bad(
      'waysToRespond.responseForm',
      'Nowhere to send the response form',
      'You offer a response form but no email or postal address to send it to. Add one.',
    );
  if (m.responsePaper.dueDate && !m.responsePaper.url.trim())
    ctx.report({
      ruleId: 'R-BOX3',
      title: 'Say where the response will be published',
      message:
        'The box should say where the government response will be published. Add the GOV.UK page address when ' +
        'you know it.',
      location: { kind: 'metadata', field: 'responsePaper.url' },
    });
}

function checkTitleAndSummary(ctx: CheckContext) {
  const m = ctx.draft.metadata;
  const title = m.title.trim();
  if (title.length > 65)
    ctx.report({
      ruleId: 'R-T1',
      title: 'Title longer than 65 characters',
      message:
        `The title has ${title.length} characters. GOV.UK titles should have 65 or fewer so they show in full in ` +
        `search results. Shorten it.`,
      location: { kind: 'metadata', field: 'title' },
    });
  const problems: string[] = [];
  if (/\.$/.test(title) && !/\.\.\.$|…$/.test(title)) problems.push('ends with a full stop');
  if (/\?\s*$/.test(title)) problems.push('is a question');
  if (/\s[-–—]\s|[–—]/.test(title)) problems.push('contains a dash');
  if (/\//.test(title)) problems.push('contains a slash');
  if (problems.length)
    ctx.report({
      ruleId: 'R-T2',
      title: 'Title punctuation',
      message:
        `The title ${joinAnd(problems)}. GOV.UK titles have no full stop, are not questions and use no dashes or ` +
        `slashes. Reword it.`,
      location: { kind: 'metadata', field: 'title' },
      fingerprint: problems.join(','),
    });
  const summary = m.summary.trim();
  if (!summary)
    ctx.report({
      ruleId: 'R-T3',
      title: 'No summary',
      message:
        'Add a one-sentence summary of what the consultation is about. GOV.UK shows it under the title and in ' +
        'search results.',
      location: { kind: 'metadata', field: 'summary' },
    });
  else if (summary.length > 160)
    ctx.report({
      ruleId: 'R-T3',
      title: 'Summary longer than 160 characters',
      message: `The summary has ${summary.length} characters. GOV.UK summaries should have 160 or fewer. Shorten it.`,
      location: { kind: 'metadata', field: 'summary' },
    });
}

function checkPurpose(ctx: CheckContext) {
  const m = ctx.draft.metadata;
  if (m.impactAssessment.status === 'not-needed' && !m.impactAssessment.note.trim())
    ctx.report({
      ruleId: 'R-IA1',
      title: 'Say why no impact assessment is needed',
      message:
        'You have said an impact assessment is not needed. Give the reason: Principle C asks for validated ' +
        'impact assessments where possible.',
      location: { kind: 'metadata', field: 'impactAssessment.note' },
    });
  if (m.legalDutyToConsult === 'unknown')
    ctx.report({
      ruleId: 'R-PB1',
      title: 'Is there a legal duty to consult?',
      message:
        'Record whether there is a legal duty to consult. Ask your lawyers: it affects how long and how widely ' +
        'you consult (Principle B).',
      location: { kind: 'metadata', field: 'legalDutyToConsult' },
    });
  if (!m.openToInfluence.trim())
    ctx.report({
      ruleId: 'R-PB1',
      title: 'What is still open to change?',
      message:
        'Record what is still open to change. Consult at a formative stage, and do not ask about things already ' +
        'decided (Principle B).',
      location: { kind: 'metadata', field: 'openToInfluence' },
    });
  if (
    m.territorialExtent &&
    ['england-and-wales', 'great-britain', 'united-kingdom'].includes(m.territorialExtent) &&
    !m.welshVersion
  )
    ctx.report({
      ruleId: 'R-CY1',
      title: 'Welsh language version',
      message:
        'The proposals apply in Wales. Check whether your department’s Welsh language scheme needs a Welsh ' +
        'version of the consultation, and record it if you will publish one.',
      location: { kind: 'metadata', field: 'welshVersion' },
    });
}

export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const metadataRules: RuleModule = {
  rules: [
    {
      id: 'R-BOX',
      severity: 'error',
      title: 'Required detail missing from the box',
      description:
        'The “About this consultation” box must have: title; audience (“To”); lead department; opening and ' +
        'closing date and time; an enquiries email or phone and how to ask for other formats; at least one way ' +
        'to respond; the response paper date; the compliance statement; the impact assessment status; the ' +
        'territorial extent.',
      standardRef: '§3.2 R-BOX',
    },
    {
      id: 'R-BOX2',
      severity: 'warning',
      title: 'Contact detail looks wrong',
      description:
        'Email addresses that do not look like email addresses, links that are not full web addresses, and a ' +
        'response form with nowhere to send it.',
      standardRef: '§3.2, §5.1',
    },
    {
      id: 'R-BOX3',
      severity: 'advice',
      title: 'Where the response will be published',
      description:
        'The box gives the response paper’s date and place: advice to add the address of the page once it is known.',
      standardRef: '§3.1 (MoJ box “Response paper”), §3.2',
    },
    {
      id: 'R-T1',
      severity: 'warning',
      title: 'Title longer than 65 characters',
      description: 'GOV.UK page titles have 65 characters or fewer.',
      standardRef: '§5.3',
    },
    {
      id: 'R-T2',
      severity: 'warning',
      title: 'Title punctuation',
      description:
        'GOV.UK titles have no full stop, are not a question and contain no dashes or slashes (hyphens inside ' +
        'words are fine).',
      standardRef: '§5.3',
    },
    {
      id: 'R-T3',
      severity: 'warning',
      title: 'Summary missing or longer than 160 characters',
      description: 'GOV.UK summaries have 160 characters or fewer.',
      standardRef: '§5.3',
    },
    {
      id: 'R-IA1',
      severity: 'warning',
      title: 'No reason why an impact assessment is not needed',
      description: 'When the impact assessment status is “not needed”, the reason should be recorded.',
      standardRef: '§1.2 Principle C',
    },
    {
      id: 'R-PB1',
      severity: 'advice',
      title: 'Purpose not recorded',
      description: 'Whether there is a legal duty to consult, and what is still open to change, should be recorded.',
      standardRef: '§1.2 Principle B',
    },
    {
      id: 'R-CY1',
      severity: 'advice',
      title: 'Welsh language version',
      description:
        'When the proposals apply in Wales and no Welsh version is recorded, a reminder to check the Welsh ' +
        'language scheme.',
      standardRef: '§3.1 (Welsh bilingual notice)',
    },
  ],
  check(ctx) {
    checkBox(ctx);
    checkContactFormat(ctx);
    checkTitleAndSummary(ctx);
    checkPurpose(ctx);
  },
};
