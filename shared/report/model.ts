/**
 * The typed input of every document made after the consultation closes: the government
 * response (.docx), the analysis workbook (.xlsx), the ministerial briefing (.docx) and the
 * responses CSV. The integrator fills it from the database (responses, tallies, codebook, coding,
 * quotes); `prepareReport` turns it into what may be shown at the chosen redaction level, and the
 * builders only ever see that prepared form.
 *
 * Conventions the integrator must respect:
 * - Text fields are plain text; a blank line separates paragraphs (the government's response,
 *   next steps, method notes). Not RichDoc: the response is written after the draft is frozen.
 * - Counts are whole numbers of respondents (people, not answers); percentages are worked out
 *   here (whole numbers, shared/analysis `percent0dp`), never passed in.
 * - Closed-question counts are the shared/analysis `QuestionTally` (and `CrossTab`) computed from
 *   the encoded answers; for multiple-choice questions pass the encoded answers too, because
 *   small-number suppression must count each respondent once in "Other (aggregated)".
 * - Quotes carry the consent of the respondent they came from (`confidential`, `publishConsent`);
 *   a publishable export refuses a quote from anyone who asked for confidentiality or did not say
 *   yes to publication (null = not asked or not answered = no).
 * - The per-response rows come from a function returning a fresh (async) iterable each call, so
 *   100,000 rows never need to be one array: the workbook reads them twice (responses, then the
 *   0/1 theme matrix), the CSV once.
 */
import type { QuestionType } from '../domain/draft/model';
import type { CrossTab, EncodedAnswers, QuestionTally } from '../analysis/tallies';
import type { ReleasedFindings } from '../analysis/personal-data/review';
import type { RowAttributes } from './row-disclosure';

/** none: internal use, everything shown; redacted: for publication. */
export type RedactionLevel = 'none' | 'redacted';

export interface CountRow {
  label: string;
  count: number;
}

export interface ReportConsultation {
  title: string;
  department: string;
  /** Team that ran it (shown on the cover of the briefing). */
  leadTeam: string;
  /** ISO instants, as in the draft's metadata (null if never set). */
  opensAt: string | null;
  closesAt: string | null;
  /** Where the consultation and this response are published (GOV.UK page), or ''. */
  url: string;
  /** Response due date (ISO date, close + 12 weeks), to note a late response; null if not set. */
  responseDue: string | null;
  /** How people could respond, in the order to print ("Online survey", "Email", "Post", "Events"). */
  channels: string[];
}

export interface ReportCampaign {
  id: string;
  /** A short neutral name ("Campaign A: keep face-to-face GP appointments"). */
  name: string;
  /** Organisation that ran it, if known and public; '' otherwise. */
  organiser: string;
  /** Responses that were copies or near-copies of the campaign text. */
  responses: number;
}

export interface ReportRespondents {
  /** All responses received, campaign copies and duplicates included. */
  received: number;
  /** Responses counted in the per-question analysis (each question has its own base as well). */
  analysed: number;
  /** Exact or near duplicates from the same person, removed before analysis. */
  duplicatesRemoved: number;
  /** Counted apart from the rest: one row per campaign with its size. */
  campaigns: ReportCampaign[];
  /** Whether campaign responses are left out of the per-question counts (true) or included. */
  campaignsCountedSeparately: boolean;
  /** Individuals, organisations, on behalf of someone else… (from "respondingAs"). */
  byRespondingAs: CountRow[];
  byType: CountRow[];
  byChannel: CountRow[];
  byRegion: CountRow[];
}

export interface ReportMethod {
  /** Themes in the code frame that at least one answer was coded with. */
  codeFrameThemes: number;
  /** How the team made and refined the code frame, in its own words; '' when it wrote none (nothing is said). */
  codeFrameDescription: string;
  /** Answers to the open questions that were coded against the code frame (the base of every theme figure). */
  openAnswers: number;
  /** Of those, the answers coded with at least one theme. */
  codedAnswers: number;
  /** How many people's coding the figures count (analysts of this workspace and merged packages). */
  coders: number;
  /** Double coding for quality assurance: share of open answers coded twice (0–1), and Cohen's kappa. */
  doubleCodedShare: number | null;
  kappa: number | null;
  percentAgreement: number | null;
  /** Any further paragraphs about the method (plain text, blank lines between paragraphs). */
  notes: string;
  /**
   * Assisted coding: coded answers with a theme the model proposed and an analyst accepted, in checked batches or one
   * at a time (each answer counted once, in a batch if any of its themes came in one). Absent or 0: none.
   */
  proposals?: { answers: number; inBatches: number; oneByOne: number };
}

export interface ReportTheme {
  id: string;
  name: string;
  description: string;
  /** Respondents whose answer to this question was coded with the theme. */
  count: number;
}

export interface ReportQuote {
  id: string;
  questionId: string;
  /** The response it comes from (never printed in publishable outputs' text, but kept in the workbook). */
  respondentId: string;
  text: string;
  /** Printed under the quote, e.g. "Member of the public" or "Age UK (charity)"; never a person's name. */
  attribution: string;
  /** The organisation the attribution names (null for an individual). */
  organisation?: string | null;
  /** The attribution without the organisation's name, for an organisation that asked for confidentiality. */
  anonymousAttribution?: string;
  /** The respondent asked for their response to be treated as confidential. */
  confidential: boolean;
  /** The respondent agreed to their response being published or quoted; null = not asked or no answer. */
  publishConsent: boolean | null;
  /** Themes the quote illustrates (ids of this question's themes). */
  themeIds: string[];
}

export interface ReportCrossTab {
  /** What the rows are, e.g. "Respondent type". */
  fieldLabel: string;
  table: CrossTab;
}

export interface ReportQuestion {
  id: string;
  /** As printed in the consultation: "1", "2a". */
  number: string;
  text: string;
  type: QuestionType;
  /** The consultation section (proposal) it was asked under, for grouping in the documents. */
  sectionTitle: string;
  /** answerOptions(q): ids and labels, for closed questions; [] for open ones. */
  options: Array<{ id: string; label: string }>;
  /** Whether answers carry free text (open questions, "please explain", "Other (please specify)"). */
  takesText: boolean;
  /** Respondents who gave a countable answer (closed: tally.answered; open: gave some text). */
  answered: number;
  notAnswered: number;
  /** Closed questions: the counts. null for open questions. */
  tally: QuestionTally | null;
  /** Multiple choice: the encoded answers (and include mask) the tally came from, for suppression. */
  encoded?: { answers: EncodedAnswers; include?: Uint8Array };
  crossTabs: ReportCrossTab[];
  /** Answers coded against the code frame (the base of the theme percentages). */
  coded: number;
  themes: ReportTheme[];
  quotes: ReportQuote[];
  /** The government's response to what people said (plain text); '' if not written yet. */
  governmentResponse: string;
}

export interface ReportOrganisation {
  name: string;
  /** Asked for the response to be confidential: never listed in a publishable output. */
  confidential: boolean;
}

/** A column of the per-response rows taken from "About you". */
export interface ResponseFieldDef {
  key: string;
  label: string;
  /** Identifies a person (PERSONAL_FIELDS): removed from publishable outputs. */
  personal: boolean;
  /** Identifies an organisation (organisation, represents): withheld for confidential respondents. */
  identifying: boolean;
  /**
   * The respondents table this field's values are counted in, if any: in a publishable output a
   * value merged there into "Other (aggregated)" is shown the same way in the rows.
   */
  groupedAs?: 'respondingAs' | 'type' | 'region';
  /**
   * Found in imported data but not asked by the draft's "About you": in the internal exports only
   * (nothing imported is left out of them; nothing the consultation did not ask is published).
   */
  internalOnly?: boolean;
}

export interface ResponseAnswer {
  /** Option ids chosen (rank order for ranking); null or [] when not answered. */
  choices: readonly string[] | null;
  /** Free text (open answer, explanation, "Other" text); null when none. */
  text: string | null;
}

export interface ResponseRow {
  id: string;
  /** ISO instant the response arrived, or null. */
  receivedAt: string | null;
  channel: string;
  /** Campaign name, or null. */
  campaign: string | null;
  confidential: boolean;
  publishConsent: boolean | null;
  /** Values by ResponseFieldDef.key. */
  fields: Readonly<Record<string, string>>;
  /** By question id. */
  answers: Readonly<Record<string, ResponseAnswer | undefined>>;
  /** Theme ids coded, by question id. */
  themes: Readonly<Record<string, readonly string[] | undefined>>;
  /** Cells kept as received from the export's other columns, by position in ConsultationReport.keptColumns. */
  kept?: Readonly<Record<number, string>>;
  /**
   * Where the response came from (internal exports only): the file, its row, the tool's own id, when it was started.
   */
  origin?: {
    file: string;
    row: number | null;
    externalId: string | null;
    startedAt: string | null;
    submittedAt: string | null;
    publishConsent?: string | null;
  };
}

/**
 * A fresh pass over the rows each call. `parts` says what the pass needs: with `cells: false` only
 * the themes are read (the 0/1 matrix), so a source may leave the answers and fields out.
 */
export type RowSource = (parts?: RowParts) => Iterable<ResponseRow> | AsyncIterable<ResponseRow>;

export interface ConsultationReport {
  consultation: ReportConsultation;
  respondents: ReportRespondents;
  method: ReportMethod;
  /** In document order. */
  questions: ReportQuestion[];
  /** Themes raised that no question asked about. */
  otherThemes: Array<{ name: string; description: string; count: number }>;
  /** What the team wrote about the other themes (plain text); optional, '' when not written. */
  otherThemesText?: string;
  /** What happens next (plain text). */
  nextSteps: string;
  /** Introduction paragraphs the team wrote ('' for the standard wording only). */
  introduction: string;
  organisations: ReportOrganisation[];
  /**
   * Every organisation that asked for confidentiality on any response, counted or not (a campaign
   * response, say): named nowhere in what is published (organisation-confidentiality.ts).
   */
  confidentialOrganisations: readonly string[];
  /** Individuals who responded (printed as a count only). */
  individuals: number;
  /** Notes for the workbook's Notes sheet and the documents (plain sentences). */
  notes: string[];
  /** For the briefing: issues the minister should know about (plain sentences). */
  issues: string[];
  responseFields: ResponseFieldDef[];
  /**
   * Every respondent's name as they gave it (the respondent register): at publication level a name
   * typed into any free text — their own or another respondent's — is replaced by "[name removed]".
   */
  personalNames: readonly string[];
  /**
   * Findings the official released in the review list (Responses → Personal data), by answer: left as
   * written in that answer's published text. Every other finding is removed.
   */
  releasedPersonalData?: ReleasedFindings;
  /**
   * The counted responses' grouped details (responding as, type, region), encoded: what disclosure
   * control of the published rows counts combinations over (R-PUB3). Without it, rule 2 is not applied.
   */
  rowAttributes?: RowAttributes;
  /**
   * The headers of the export columns kept with responses as received (the survey tool's own
   * record), across every batch: columns of the internal exports only, never published.
   */
  keptColumns?: string[];
  rows: RowSource;
}

/** What a pass over the rows needs: the cells, the matrix flags, or both (default). */
export interface RowParts {
  cells?: boolean;
  flags?: boolean;
}
