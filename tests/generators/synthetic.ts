import type { Draft, Question, RespondentFieldKey } from '#shared/domain/draft/model';
import { answerOptions, OTHER_OPTION_ID, orderedQuestions } from '#shared/domain/draft/model';
import { Rng } from './random';
import {
  addTypos,
  CAMPAIGN_TEMPLATES,
  FIRST_NAMES,
  LAST_NAMES,
  openText,
  ORGANISATIONS,
  OTHER_TEXTS,
  PERSONAL_ADDITIONS,
  reword,
  ROLES,
} from './phrase-bank';

/**
 * Synthetic responses to a consultation, deterministic from a seed: respondent types and
 * organisations (with the spellings people use: "Acme Ltd" / "ACME Limited"), regions, closed
 * answers with a plausible skew per question, open text of varied length, "Other" answers, a few
 * campaigns (a shared letter, lightly reworded, some with a personal addition), typos, blanks and
 * planted duplicates. Each response carries its ground truth for tests of later stages.
 */
export interface SyntheticAnswer {
  /** In option order for choice questions; in rank order for ranking. */
  optionIds: string[];
  text?: string;
  otherText?: string;
  explanation?: string;
}

export interface SyntheticTruth {
  /** Index into the campaigns, or null. */
  campaign: number | null;
  personalAddition: string | null;
  /** The seq of the response this one duplicates, or null. */
  duplicateOf: number | null;
  /** The canonical organisation name, when the respondent gave a variant. */
  organisation: string | null;
  typos: boolean;
}

export interface SyntheticResponse {
  /** 1-based; writers render it as each tool's id. */
  seq: number;
  startedAt: Date;
  submittedAt: Date;
  respondent: Partial<Record<RespondentFieldKey, string>>;
  /** By question id; unanswered questions are absent. */
  answers: Record<string, SyntheticAnswer>;
  truth: SyntheticTruth;
}

export interface CampaignSpec {
  size: number;
  template?: string;
}

export interface GenerateOptions {
  count: number;
  seed?: number;
  /** Default: three campaigns of 4%, 2% and 1% of the responses (none under 50 responses). */
  campaigns?: CampaignSpec[];
  /** Share of answers left blank. Default 0.1. */
  blankRate?: number;
  /** Share of open answers with typos. Default 0.05. */
  typoRate?: number;
  /** Share of responses that are planted duplicates of an earlier one. Default 0.005. */
  duplicateRate?: number;
  /** Weights of short / medium / long open answers. Default [35, 45, 20]. */
  openLengths?: [number, number, number];
}

export function campaignQuestion(draft: Pick<Draft, 'sections' | 'questions'>): Question | undefined {
  const qs = orderedQuestions(draft);
  return qs.find((q) => q.type === 'any_other_comments') ?? [...qs].reverse().find((q) => q.type === 'open_text');
}

export function generateResponses(
  draft: Pick<Draft, 'sections' | 'questions' | 'aboutYou' | 'metadata'>,
  opts: GenerateOptions,
): SyntheticResponse[] {
  const rng = new Rng(opts.seed ?? 1);
  const blankRate = opts.blankRate ?? 0.1;
  const typoRate = opts.typoRate ?? 0.05;
  const dupRate = opts.duplicateRate ?? 0.005;
  const questions = orderedQuestions(draft);
  const about = new Map(draft.aboutYou.filter((f) => f.enabled).map((f) => [f.key, f]));
  const campaigns: CampaignSpec[] =
    opts.campaigns ??
    (opts.count >= 50
      ? [
          { size: Math.round(opts.count * 0.04), template: CAMPAIGN_TEMPLATES[0]! },
          { size: Math.round(opts.count * 0.02), template: CAMPAIGN_TEMPLATES[1]! },
          { size: Math.round(opts.count * 0.01), template: CAMPAIGN_TEMPLATES[2]! },
        ]
      : []);
  const cq = campaignQuestion(draft);

  // Per question, a skewed preference over its options (the same for the whole run).
  const weights = new Map<string, number[]>();
  for (const q of questions)
    weights.set(
      q.id,
      answerOptions(q).map(() => rng.next() ** 2 + 0.05),
    );
  // Campaign members lean to one option on each closed question.
  const campaignLean = campaigns.map(
    () => new Map(questions.map((q) => [q.id, rng.int(0, Math.max(0, answerOptions(q).length - 1))])),
  );

  // Who is in which campaign: a shuffled assignment of seqs.
  const role: (number | null)[] = new Array<number | null>(opts.count).fill(null);
  const order = rng.shuffle(Array.from({ length: opts.count }, (_, i) => i));
  let k = 0;
  campaigns.forEach((c, ci) => {
    for (let j = 0; j < c.size && k < order.length; j++) role[order[k++]!] = ci;
  });

  const open = new Date(draft.metadata.opensAt ?? '2027-03-01T09:00:00Z').getTime();
  const close = new Date(draft.metadata.closesAt ?? '2027-05-24T22:59:00Z').getTime();
  const out: SyntheticResponse[] = [];
  for (let i = 0; i < opts.count; i++) {
    const seq = i + 1;
    const started = Math.floor((open + rng.next() * (close - open - 3600_000)) / 1000) * 1000;
    const startedAt = new Date(started);
    const submittedAt = new Date(started + rng.int(120, 2400) * 1000);
    // A planted duplicate: the same person sending the same response again, later.
    if (i > 10 && role[i] === null && rng.chance(dupRate)) {
      const orig = out[rng.int(0, out.length - 1)]!;
      out.push({
        ...orig,
        seq,
        startedAt,
        submittedAt,
        answers: structuredClone(orig.answers),
        respondent: { ...orig.respondent },
        truth: { ...orig.truth, duplicateOf: orig.seq },
      });
      continue;
    }
    const truth: SyntheticTruth = {
      campaign: role[i] ?? null,
      personalAddition: null,
      duplicateOf: null,
      organisation: null,
      typos: false,
    };
    const respondent: Partial<Record<RespondentFieldKey, string>> = {};
    const asWhat = rng.weighted([70, 25, 5]);
    const isOrg = asWhat === 1;
    const set = (key: RespondentFieldKey, value: string) => {
      if (about.has(key) && value) respondent[key] = value;
    };
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    if (!isOrg && rng.chance(0.8)) set('name', `${first} ${last}`);
    if (isOrg) set('name', `${first} ${last}`);
    if (rng.chance(0.6))
      set('email', `${first}.${last}${rng.int(1, 99)}@example.org`.toLowerCase().replace(/[^a-z0-9.@]/g, ''));
    const respondingAs = about.get('respondingAs')?.options ?? [];
    if (respondingAs.length) set('respondingAs', respondingAs[Math.min(asWhat, respondingAs.length - 1)]!);
    if (isOrg) {
      const org = rng.pick(ORGANISATIONS);
      set('organisation', rng.pick(org.variants));
      truth.organisation = org.canonical;
      set('role', rng.pick(ROLES));
      if (rng.chance(0.5))
        set('represents', `About ${rng.int(2, 900) * 10} members, asked through an online survey and meetings`);
    }
    for (const key of ['respondentType', 'region', 'ageBand', 'contactConsent'] as const) {
      const opts2 = about.get(key)?.options ?? [];
      if (opts2.length && rng.chance(0.95)) set(key, rng.pick(opts2));
    }
    const conf = about.get('confidential')?.options ?? [];
    if (conf.length) {
      const yes = rng.chance(0.08);
      set('confidential', yes ? conf[0]! : (conf[1] ?? conf[0]!));
      if (yes) set('confidentialReason', 'I work in the NHS and do not want my employer to know my views.');
    }
    const pub = about.get('publishConsent')?.options ?? [];
    if (pub.length) set('publishConsent', rng.pick(pub));

    const answers: Record<string, SyntheticAnswer> = {};
    for (const q of questions) {
      const inCampaign = truth.campaign !== null;
      if (q.id === cq?.id && inCampaign) {
        let text = reword(
          rng,
          campaigns[truth.campaign!]!.template ?? CAMPAIGN_TEMPLATES[truth.campaign! % CAMPAIGN_TEMPLATES.length]!,
        );
        if (rng.chance(0.5)) {
          const add = rng.pick(PERSONAL_ADDITIONS);
          truth.personalAddition = add;
          text = rng.chance(0.5) ? `${add} ${text}` : `${text}\n\n${add}`;
        }
        answers[q.id] = { optionIds: [], text };
        continue;
      }
      if (rng.chance(blankRate)) continue;
      const options = answerOptions(q);
      const w = weights.get(q.id)!;
      if (options.length === 0) {
        let text = openText(rng, opts.openLengths);
        if (rng.chance(typoRate)) {
          text = addTypos(rng, text);
          truth.typos = true;
        }
        // Now and then a cell a spreadsheet would take for a formula: it must stay text.
        if (rng.chance(0.002)) text = `=HYPERLINK("http://example.com","${text.slice(0, 20).replace(/"/g, '')}")`;
        answers[q.id] = { optionIds: [], text };
        continue;
      }
      const ans: SyntheticAnswer = { optionIds: [] };
      const lean = inCampaign ? campaignLean[truth.campaign!]!.get(q.id)! : -1;
      if (q.type === 'multi_choice') {
        const picked = options.filter(
          (o, oi) => o.id !== OTHER_OPTION_ID && rng.chance(Math.min(0.9, w[oi]! * 0.8 + (oi === lean ? 0.5 : 0))),
        );
        if (picked.length === 0)
          picked.push(options[rng.weighted(w.map((x, oi) => (options[oi]!.id === OTHER_OPTION_ID ? 0 : x)))]!);
        ans.optionIds = picked.map((o) => o.id);
        if (q.allowOther && rng.chance(0.06)) {
          ans.optionIds.push(OTHER_OPTION_ID);
          ans.otherText = rng.pick(OTHER_TEXTS);
        }
      } else if (q.type === 'ranking') {
        ans.optionIds = rng.shuffle(options.map((o) => o.id));
      } else {
        let oi = lean >= 0 && rng.chance(0.8) ? lean : rng.weighted(w);
        if (options[oi]!.id === OTHER_OPTION_ID && !q.allowOther) oi = 0;
        ans.optionIds = [options[oi]!.id];
        if (options[oi]!.id === OTHER_OPTION_ID) ans.otherText = rng.pick(OTHER_TEXTS);
      }
      if (q.explain && rng.chance(0.6)) {
        let e = openText(rng, opts.openLengths);
        if (rng.chance(typoRate)) {
          e = addTypos(rng, e);
          truth.typos = true;
        }
        ans.explanation = e;
      }
      answers[q.id] = ans;
    }
    out.push({ seq, startedAt, submittedAt, respondent, answers, truth });
  }
  return out;
}
