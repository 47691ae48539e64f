import { crossTab, encodeAnswers, encodeField, tallyQuestion, tallyQuestionOf } from '#shared/analysis/tallies';
import { exampleDraft } from '#shared/domain/draft/example';
import {
  answerOptions,
  CLOSED_TYPES,
  orderedQuestions,
  questionNumbers,
  type Draft,
  type Question,
} from '#shared/domain/draft/model';
import { DEFAULT_REGIONS, RESPONDING_AS } from '#shared/domain/draft/template';
import { responseFieldsFromAboutYou } from '#shared/report/fields';
import type {
  ConsultationReport,
  ReportQuestion,
  ReportQuote,
  ReportTheme,
  ResponseAnswer,
  ResponseRow,
} from '#shared/report/model';
import { CAMPAIGN_TEMPLATES, FIRST_NAMES, LAST_NAMES, openText, ORGANISATIONS } from './phrase-bank';
import { Rng } from './random';

/**
 * A realistic ConsultationReport made the way the app will make one: respondents and answers are
 * generated row by row (each row a pure function of the seed and its index, so the rows can be read
 * again and again without being stored), then the counts are worked out from those rows with the
 * shared/analysis tallies — so every figure in a document can be checked against the rows.
 *
 * Built in: campaign responses (counted apart), duplicates, confidential and non-consenting
 * respondents, confidential organisations, an option and a theme chosen by fewer than 10 (for
 * suppression), a formula-like answer ("=HYPERLINK(…)") and, on request, quotes that may not be
 * published.
 */
export interface ReportFixtureOptions {
  draft?: Draft;
  respondents?: number;
  seed?: number;
  /** Add a quote from a confidential respondent and one from a respondent who did not consent. */
  badQuotes?: boolean;
  /** Long open answers are made for every open question (slower); otherwise short ones. */
  longAnswers?: boolean;
}

export const HOSTILE_ANSWER = '=HYPERLINK("http://x","y")';
export const HOSTILE_FIELD = '+44 20 7946 0000';

const CAMPAIGN = 'Campaign A: keep care local';
export const CONFIDENTIAL_ORG = 'Hilltop Pharmacy Group';
const TYPES_INDIVIDUAL = [
  'Member of the public',
  'Patient or service user',
  'Carer',
  'Health or social care professional',
];
const TYPES_ORG = [
  'NHS organisation',
  'Local authority',
  'Charity, voluntary or community organisation',
  'Business',
  'Trade or professional body',
  'Researcher or academic',
];
const CHANNELS = ['Online survey', 'Email', 'Post'];
const THEME_BANK: ReadonlyArray<readonly [string, string]> = [
  ['Worried about digital exclusion', 'Older, disabled and poorer people may be left out if services move online.'],
  ['Keep telephone and face-to-face options', 'People want to keep booking by phone and seeing staff in person.'],
  ['Privacy and data security', 'Concerns about who can see health records and how data is protected.'],
  ['Support for one front door', 'A single place would make things simpler and save time.'],
  ['Quality of information', 'Information should be accurate, checked and say where it comes from.'],
  ['Cost and funding', 'Questions about who pays and whether money would be taken from front-line care.'],
  ['Rural connectivity', 'Poor broadband and mobile signal make online services hard to use.'],
  [
    'Accessibility for disabled people',
    'Services must work with screen readers and for people with learning disabilities.',
  ],
];
/** A theme almost nobody raises: its count stays under 10, so publication withholds it. */
const RARE_THEME = ['Welsh-language services', 'Services should be available in Welsh.'] as const;

function rowRng(seed: number, i: number): Rng {
  return new Rng((Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0);
}

interface Plan {
  draft: Draft;
  questions: Question[];
  numbers: Map<string, string>;
  sections: Map<string, string>;
  themes: Map<string, Array<{ id: string; name: string; description: string; weight: number }>>;
}

/** Likert answers lean towards agreement, as real consultations on popular proposals do. */
const LIKERT_WEIGHTS = [30, 28, 12, 12, 10, 8];

function choices(q: Question, r: Rng): string[] | null {
  const opts = answerOptions(q);
  if (!opts.length) return null;
  if (r.chance(0.06)) return null; // not answered
  switch (q.type) {
    case 'likert_agree5':
      return [opts[r.weighted(LIKERT_WEIGHTS)]!.id];
    case 'yes_no':
      return [opts[r.weighted([62, 30, 8])]!.id];
    case 'multi_choice': {
      // The last listed option before "Other" is rare (suppression); "Other" too.
      const picked = opts.filter((o, k) =>
        r.chance(o.id === 'other' ? 0.004 : k === opts.length - 2 ? 0.003 : 0.25 + 0.1 * (k % 3)),
      );
      return picked.length ? picked.map((o) => o.id) : [opts[0]!.id];
    }
    case 'single_choice': {
      const w = opts.map((o, k) => (o.id === 'other' ? 0.3 : k === opts.length - 1 ? 0.3 : 10 + 5 * ((k * 7) % 4)));
      return [opts[r.weighted(w)]!.id];
    }
    case 'ranking': {
      const ids = opts.map((o) => o.id);
      for (let k = ids.length - 1; k > 0; k--) {
        const j = r.int(0, k);
        [ids[k], ids[j]] = [ids[j]!, ids[k]!];
      }
      return ids;
    }
    default:
      return null;
  }
}

function makePlan(draft: Draft): Plan {
  const questions = orderedQuestions(draft);
  const numbers = questionNumbers(draft);
  const sections = new Map(draft.sections.map((s) => [s.id, s.title]));
  const themes = new Map<string, Array<{ id: string; name: string; description: string; weight: number }>>();
  questions.forEach((q, qi) => {
    if (!q.explain && CLOSED_TYPES.has(q.type)) return;
    if (q.type === 'numeric') return;
    const picked = Array.from({ length: 6 }, (_, k) => THEME_BANK[(qi + k * 3) % THEME_BANK.length]!);
    const list = [...new Map(picked.map((t) => [t[0], t])).values()].map(([name, description], k) => ({
      id: `${q.id}-theme-${k + 1}`,
      name,
      description,
      weight: 0.45 / (k + 1),
    }));
    list.push({ id: `${q.id}-theme-rare`, name: RARE_THEME[0], description: RARE_THEME[1], weight: 0.003 });
    themes.set(q.id, list);
  });
  return { draft, questions, numbers, sections, themes };
}

function rowAt(plan: Plan, seed: number, i: number, n: number, long: boolean): ResponseRow {
  const r = rowRng(seed, i);
  const campaign = r.chance(0.12);
  const asIndex = campaign ? 0 : r.weighted([80, 18, 2]);
  const org = asIndex === 1;
  const orgName = org ? ORGANISATIONS[r.int(0, ORGANISATIONS.length - 1)]!.canonical : '';
  const type = org ? TYPES_ORG[r.weighted([25, 15, 30, 15, 10, 5])]! : TYPES_INDIVIDUAL[r.weighted([55, 25, 12, 8])]!;
  const region = DEFAULT_REGIONS[r.weighted([4, 11, 9, 8, 10, 11, 16, 16, 10, 0.5, 0.5, 0.3, 0.2])]!;
  // An organisation's responses share its choice (one of them asks for confidentiality); individuals choose for
  // themselves.
  const confidential = org ? orgName === CONFIDENTIAL_ORG : r.chance(0.05);
  const consent = r.next();
  const publishConsent = consent < 0.7 ? true : consent < 0.9 ? false : null;
  const name = `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
  const fields: Record<string, string> = {
    name,
    email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`,
    respondingAs: RESPONDING_AS[asIndex]!,
    organisation: orgName,
    role: org ? 'Policy officer' : '',
    represents: org ? 'Our members across England' : '',
    respondentType: type,
    region,
    confidentialReason: confidential ? 'I work for a local NHS trust and do not want to be identified.' : '',
    contactConsent: r.chance(0.5) ? 'Yes' : 'No',
  };
  if (i === 1) fields['role'] = HOSTILE_FIELD;
  const answers: Record<string, ResponseAnswer> = {};
  const themes: Record<string, string[]> = {};
  for (const q of plan.questions) {
    const c = choices(q, r);
    let text: string | null = null;
    const qThemes = plan.themes.get(q.id);
    if (qThemes && (c !== null || !CLOSED_TYPES.has(q.type)) && r.chance(CLOSED_TYPES.has(q.type) ? 0.5 : 0.75)) {
      text =
        campaign && q === plan.questions.find((x) => plan.themes.has(x.id))
          ? CAMPAIGN_TEMPLATES[0]!
          : openText(r, long ? [35, 45, 20] : [60, 40, 0]);
      const coded = qThemes.filter((t) => r.chance(t.weight)).map((t) => t.id);
      themes[q.id] = coded.length ? coded : [qThemes[0]!.id];
    }
    if (q.type === 'numeric' && r.chance(0.4)) text = String(r.int(1, 500));
    if (i === 0 && qThemes && !CLOSED_TYPES.has(q.type)) {
      text = HOSTILE_ANSWER;
      themes[q.id] = [qThemes[0]!.id];
    }
    if (c !== null || text !== null) answers[q.id] = { choices: c, text };
  }
  const t0 = Date.UTC(2027, 2, 1, 9);
  const t1 = Date.UTC(2027, 4, 24, 22, 59);
  const at = new Date(t0 + Math.floor(((t1 - t0) * (i + r.next())) / Math.max(1, n)));
  return {
    id: `R-${String(i + 1).padStart(6, '0')}`,
    receivedAt: at.toISOString(),
    channel: campaign ? 'Email' : CHANNELS[r.weighted([80, 15, 5])]!,
    campaign: campaign ? CAMPAIGN : null,
    confidential,
    publishConsent,
    fields,
    answers,
    themes,
  };
}

/** Category counts in the order of the form's option list (then any others). */
const count = (m: Map<string, number>, order: readonly string[] = []) =>
  [...m].map(([label, c]) => ({ label, count: c })).sort((a, b) => rank(order, a.label) - rank(order, b.label));
const rank = (order: readonly string[], label: string) => (order.includes(label) ? order.indexOf(label) : order.length);
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

export function reportFixture(opts: ReportFixtureOptions = {}): ConsultationReport {
  const draft = opts.draft ?? exampleDraft();
  const n = opts.respondents ?? 1850;
  const seed = opts.seed ?? 7;
  const long = opts.longAnswers ?? true;
  const plan = makePlan(draft);
  const rows = function* (): Generator<ResponseRow> {
    for (let i = 0; i < n; i++) yield rowAt(plan, seed, i, n, long);
  };

  // One pass over the rows for everything the counts need.
  const perQuestion = new Map(plan.questions.map((q) => [q.id, [] as Array<readonly string[] | null>]));
  const types: string[] = [];
  const personalNames = new Set<string>();
  const include = new Uint8Array(n);
  const themeCounts = new Map<string, Map<string, number>>();
  const coded = new Map<string, number>();
  const answeredText = new Map<string, number>();
  const byAs = new Map<string, number>();
  const byType = new Map<string, number>();
  const byChannel = new Map<string, number>();
  const byRegion = new Map<string, number>();
  const orgs = new Map<string, boolean>();
  const quoteCandidates = new Map<string, ResponseRow[]>();
  const badCandidates: { confidential?: [ResponseRow, string]; noConsent?: [ResponseRow, string] } = {};
  let campaignResponses = 0;
  let individuals = 0;
  let i = 0;
  for (const row of rows()) {
    const inAnalysis = row.campaign === null;
    include[i++] = inAnalysis ? 1 : 0;
    types.push(row.fields['respondentType'] ?? '');
    if (row.fields['name']) personalNames.add(row.fields['name']);
    if (!inAnalysis) campaignResponses++;
    bump(byChannel, row.channel);
    if (inAnalysis) {
      bump(byAs, row.fields['respondingAs']!);
      bump(byType, row.fields['respondentType']!);
      bump(byRegion, row.fields['region']!);
      if (row.fields['organisation'])
        orgs.set(row.fields['organisation'], (orgs.get(row.fields['organisation']) ?? false) || row.confidential);
      else individuals++;
    }
    for (const q of plan.questions) {
      const a = row.answers[q.id];
      perQuestion.get(q.id)!.push(a?.choices ?? null);
      if (!inAnalysis) continue;
      if (a?.text && !CLOSED_TYPES.has(q.type)) bump(answeredText, q.id);
      const t = row.themes[q.id];
      if (t?.length) {
        coded.set(q.id, (coded.get(q.id) ?? 0) + 1);
        const m = themeCounts.get(q.id) ?? new Map<string, number>();
        for (const id of t) bump(m, id);
        themeCounts.set(q.id, m);
        if (a?.text && a.text.length > 80 && a.text.length < 400 && !a.text.includes('\n')) {
          if (!row.confidential && row.publishConsent === true) {
            const list = quoteCandidates.get(q.id) ?? [];
            if (list.length < 3) list.push(row);
            quoteCandidates.set(q.id, list);
          } else if (row.confidential) badCandidates.confidential ??= [row, q.id];
          else badCandidates.noConsent ??= [row, q.id];
        }
      }
    }
  }
  const typeField = encodeField('respondentType', types);

  const quoteOf = (row: ResponseRow, qid: string, k: number): ReportQuote => ({
    id: `quote-${qid}-${k}`,
    questionId: qid,
    respondentId: row.id,
    text: row.answers[qid]!.text!,
    attribution: row.fields['organisation']
      ? `${row.fields['organisation']} (${row.fields['respondentType']!.toLowerCase()})`
      : row.fields['respondentType']!,
    confidential: row.confidential,
    publishConsent: row.publishConsent,
    themeIds: [...(row.themes[qid] ?? [])],
  });

  const questions: ReportQuestion[] = plan.questions.map((q) => {
    const tq = tallyQuestionOf(q);
    const closed = CLOSED_TYPES.has(q.type);
    const answers = perQuestion.get(q.id)!;
    const enc = closed ? encodeAnswers(tq, answers) : null;
    const tally = enc ? tallyQuestion(tq, enc, include) : null;
    const analysed = include.reduce((s, v) => s + v, 0);
    const qThemes = plan.themes.get(q.id) ?? [];
    const counts = themeCounts.get(q.id) ?? new Map<string, number>();
    const themes: ReportTheme[] = qThemes.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      count: counts.get(t.id) ?? 0,
    }));
    const quotes = (quoteCandidates.get(q.id) ?? []).slice(0, 2).map((row, k) => quoteOf(row, q.id, k + 1));
    const answered = tally ? tally.answered : (answeredText.get(q.id) ?? 0);
    return {
      id: q.id,
      number: plan.numbers.get(q.id)!,
      text: q.text,
      type: q.type,
      sectionTitle: plan.sections.get(q.sectionId) ?? 'Other questions',
      options: answerOptions(q),
      takesText: !closed || q.explain || q.allowOther,
      answered,
      notAnswered: tally ? tally.notAnswered : analysed - answered,
      tally,
      ...(enc && q.type === 'multi_choice' ? { encoded: { answers: enc, include } } : {}),
      crossTabs:
        enc && (q.type === 'likert_agree5' || q.type === 'yes_no')
          ? [
              {
                fieldLabel: 'Respondent type',
                table: crossTab(tq, enc, typeField, { include, includeBlankField: false }),
              },
            ]
          : [],
      coded: coded.get(q.id) ?? 0,
      themes,
      quotes,
      governmentResponse:
        `We welcome the views on question ${plan.numbers.get(q.id)!}. Most respondents supported the proposal, ` +
        `but many were concerned that people who do not use the internet could be left behind.\n\nWe will keep ` +
        `telephone and face-to-face services, and we will publish an assessment of the effect on people who are ` +
        `digitally excluded before any change is made.`,
    };
  });
  if (opts.badQuotes) {
    const add = (pair: [ResponseRow, string] | undefined, k: number) => {
      if (!pair) return;
      const q = questions.find((x) => x.id === pair[1])!;
      q.quotes.push(quoteOf(pair[0], pair[1], 90 + k));
    };
    add(badCandidates.confidential, 1);
    add(badCandidates.noConsent, 2);
  }

  const organisations = [...orgs].map(([name, confidential]) => ({ name, confidential }));
  const m = draft.metadata;
  return {
    personalNames: [...personalNames],
    confidentialOrganisations: organisations.filter((o) => o.confidential).map((o) => o.name),
    consultation: {
      title: m.title,
      department: m.department,
      leadTeam: m.leadTeam,
      opensAt: m.opensAt,
      closesAt: m.closesAt,
      url: m.responsePaper.url,
      responseDue: m.responsePaper.dueDate,
      channels: ['online survey', 'email', 'post', 'the response form'],
    },
    respondents: {
      received: n + 37,
      analysed: n - campaignResponses,
      duplicatesRemoved: 37,
      campaigns: [{ id: 'campaign-a', name: CAMPAIGN, organiser: 'Keep Care Local', responses: campaignResponses }],
      campaignsCountedSeparately: true,
      byRespondingAs: count(byAs, RESPONDING_AS),
      byType: count(byType, draft.aboutYou.find((f) => f.key === 'respondentType')?.options ?? []),
      byChannel: count(byChannel, CHANNELS),
      byRegion: count(byRegion, DEFAULT_REGIONS),
    },
    method: {
      codeFrameThemes: THEME_BANK.length + 1,
      codeFrameDescription: '',
      openAnswers: [...answeredText.values()].reduce((s, n) => s + n, 0),
      codedAnswers: [...coded.values()].reduce((s, n) => s + n, 0),
      coders: 2,
      doubleCodedShare: 0.1,
      kappa: 0.78,
      percentAgreement: 0.91,
      notes: '',
    },
    questions,
    otherThemes: [
      {
        name: 'Staff training',
        description: 'NHS staff need time and training to help patients online.',
        count: Math.round(n * 0.04),
      },
      {
        name: 'Links with social care',
        description: 'Social care records and services should be reachable from the same place.',
        count: Math.round(n * 0.02),
      },
      { name: 'Veterans’ health records', description: 'Records from military service should be included.', count: 4 },
    ],
    nextSteps:
      'We will publish a detailed plan for the online front door in spring 2028, with an equality impact ' +
      'assessment.\n\nWe will consult on the draft standard for health information in summer 2028.',
    introduction: '',
    organisations,
    individuals,
    notes: [
      'Figures exclude campaign responses unless stated.',
      'Respondents could answer as many or as few questions as they wished.',
    ],
    issues: [
      'Strong support for one front door, but 1 in 5 respondents worry about being left behind.',
      'A campaign (Keep Care Local) sent 12% of all responses; its view is reported once.',
      'Several NHS trusts question the cost of checking pages every 3 years.',
    ],
    responseFields: responseFieldsFromAboutYou(draft.aboutYou),
    rows,
  };
}
