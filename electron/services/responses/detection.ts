import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import { orderedQuestions, type Draft } from '#shared/domain/draft/model';
import { detectCampaigns, looksLikeChoices, type CampaignGroup } from '#shared/analysis/campaigns';
import {
  findDuplicates,
  normaliseEmail,
  normalisePersonName,
  normalisePostcode,
  type DuplicateCandidate,
  type DuplicateGroup,
} from '#shared/analysis/duplicates';
import { GENERAL_COMMENTS_ID, type DetectionOutcome } from '#shared/domain/responses/store';
import { audit } from '../core/audit';
import { indexMemberRange, unindexMembersOfCampaign } from './search-index';
import { throwIfCancelled } from '../core/cancel';
import { multiRow, nextId } from './write-batch';
import { ANSWER_SLOTS, firstAnswerId } from './answer-ids';

/**
 * Campaign and duplicate detection over the workspace (a job: run on demand, and by the app after
 * each import). Campaigns are looked for question by question among the free-text answers of open
 * questions (and general comments), with the official's threshold; duplicates among every
 * response, by email or name and postcode. Results are written in one mutation and merged with the
 * official's earlier decisions: a confirmed or rejected campaign keeps its status (a confirmed one
 * gains newly found members, never those split out), proposals are replaced, and a duplicate group
 * found again keeps its resolution.
 */
export interface DetectOptions {
  threshold?: number | undefined;
  minSize?: number | undefined;
  campaigns?: boolean | undefined;
  duplicates?: boolean | undefined;
}

export interface DetectEnv {
  now: Date;
  actor: string;
  signal?: AbortSignal | undefined;
  progress?: ((done: number, total: number, message: string) => void) | undefined;
}

const yieldNow = () => new Promise<void>((r) => setImmediate(r));

/** Open questions whose answers can hold a campaign letter, in document order, with general comments last. */
export function campaignQuestions(draft: Draft): { id: string; text: string }[] {
  const qs = orderedQuestions(draft)
    .filter((q) => q.type === 'open_text' || q.type === 'any_other_comments')
    .map((q) => ({ id: q.id, text: q.text }));
  return [...qs, { id: GENERAL_COMMENTS_ID, text: '' }];
}

export interface QuestionGroups {
  questionId: string;
  groups: CampaignGroup[];
}

/** Detection itself, over documents already in memory (the workspace's, or a dry run's). */
export async function detectCampaignGroups(
  docsByQuestion: Map<string, { id: string; text: string }[]>,
  questionText: Map<string, string>,
  opts: DetectOptions,
  env: Pick<DetectEnv, 'signal' | 'progress'>,
): Promise<QuestionGroups[]> {
  const out: QuestionGroups[] = [];
  // Only where people wrote text: not over a choice's options read as text.
  const entries = [...docsByQuestion].filter(
    ([, docs]) => docs.length >= (opts.minSize ?? 5) && !looksLikeChoices(docs),
  );
  let i = 0;
  for (const [questionId, docs] of entries) {
    throwIfCancelled(env.signal);
    env.progress?.(i++, entries.length, `Looking for campaigns in ${docs.length.toLocaleString('en-GB')} answers`);
    await yieldNow();
    const text = questionText.get(questionId);
    const r = detectCampaigns(docs, {
      threshold: opts.threshold ?? 0.5,
      minSize: opts.minSize ?? 5,
      ...(text ? { ignoreTexts: [text] } : {}),
    });
    if (r.groups.length) out.push({ questionId, groups: r.groups });
  }
  return out;
}

/** Free-text answers of active responses to each campaign question. */
export function campaignDocs(
  db: Db,
  draft: Draft,
): { docs: Map<string, { id: string; text: string }[]>; text: Map<string, string> } {
  const qs = campaignQuestions(draft);
  const docs = new Map<string, { id: string; text: string }[]>(qs.map((q) => [q.id, []]));
  // Tuples, not an object per row: some 900,000 answers at 100,000 responses.
  const rows = db.tuples<[number, string, string]>(
    'SELECT a.id >> 12 AS rid, a.question_id AS qid, a.text FROM answer a JOIN response r ON r.id = (a.id >> ' +
      "12) WHERE r.status = 'active' AND a.text <> '' ORDER BY a.id",
  );
  for (const [rid, qid, text] of rows) docs.get(qid)?.push({ id: String(rid), text });
  return { docs, text: new Map(qs.map((q) => [q.id, q.text])) };
}

/**
 * Candidates for duplicate detection: only responses sharing an email, or a name and postcode, with another need their
 * answers read.
 */
export function duplicateCandidates(db: Db): DuplicateCandidate[] {
  const people = db.all<{
    id: number;
    name: string | null;
    email: string | null;
    postcode: string | null;
    submitted_at: string | null;
    channel: string;
  }>(
    'SELECT r.id, p.name, p.email, p.postcode, r.submitted_at, r.channel FROM response r JOIN respondent p ON ' +
      'p.id = r.respondent_id',
  );
  const count = new Map<string, number>();
  const keys = people.map((p) => {
    const k: string[] = [];
    const e = normaliseEmail(p.email);
    if (e) k.push(`e:${e}`);
    const n = normalisePersonName(p.name);
    const pc = normalisePostcode(p.postcode);
    if (n && pc) k.push(`n:${n}|${pc}`);
    for (const x of k) count.set(x, (count.get(x) ?? 0) + 1);
    return k;
  });
  const chosen = people.filter((_, i) => keys[i]!.some((k) => (count.get(k) ?? 0) > 1));
  // Each response's answers are one range of the answer key (answer-ids.ts), read as tuples: at
  // 100,000 responses some 35,000 are chosen, and making an object of each of their 1.4 million
  // answer rows was most of the time this took.
  const answers = new Map<number, Record<string, string | string[]>>();
  for (const p of chosen) {
    const rec: Record<string, string | string[]> = {};
    for (const [questionId, optionIds, text, otherText, explanation] of db.tuples<
      [string, string | null, string, string | null, string | null]
    >('SELECT question_id, option_ids, text, other_text, explanation FROM answer WHERE id BETWEEN ? AND ?', [
      firstAnswerId(p.id),
      firstAnswerId(p.id) + ANSWER_SLOTS - 1,
    ])) {
      rec[questionId] = optionIds ? (JSON.parse(optionIds) as string[]) : text;
      if (text && optionIds) rec[`${questionId}#text`] = text;
      if (otherText) rec[`${questionId}#other`] = otherText;
      if (explanation) rec[`${questionId}#explain`] = explanation;
    }
    answers.set(p.id, rec);
  }
  return chosen.map((p) => ({
    id: String(p.id),
    name: p.name,
    email: p.email,
    postcode: p.postcode,
    receivedAt: p.submitted_at,
    channel: p.channel,
    answers: answers.get(p.id) ?? {},
  }));
}

interface ExistingCampaign {
  id: number;
  key: string;
  status: string;
  members: Map<number, { memberId: number; removed: boolean }>;
}

function existingCampaigns(db: Db, questionId: string): ExistingCampaign[] {
  const out = new Map<number, ExistingCampaign>();
  for (const c of db.all<{ id: number; key: string; status: string }>(
    'SELECT id, key, status FROM campaign WHERE question_id = ?',
    [questionId],
  ))
    out.set(c.id, { ...c, members: new Map() });
  for (const m of db.all<{ id: number; campaign_id: number; response_id: number; removed_at: string | null }>(
    'SELECT m.id, m.campaign_id, m.response_id, m.removed_at FROM campaign_member m JOIN campaign c ON c.id = ' +
      'm.campaign_id WHERE c.question_id = ?',
    [questionId],
  )) {
    out.get(m.campaign_id)?.members.set(m.response_id, { memberId: m.id, removed: m.removed_at !== null });
  }
  return [...out.values()];
}

/**
 * Members are written many to a statement and indexed for search with one statement per campaign:
 * at 100,000 responses a detection writes some 200,000 members, and four statements each (the next
 * id, the row, its index entry) were a third of the whole detection. The ids are the ones one
 * insert at a time would give (the next id, then one more each), so the rows, and the index
 * entries in id order, are the same.
 */
const MEMBERS_PER_STATEMENT = 128;

function insertMembers(db: Db, campaignId: number, members: readonly (readonly [number, string])[]): void {
  if (!members.length) return;
  const first = nextId(db, 'campaign_member');
  for (let i = 0; i < members.length; i += MEMBERS_PER_STATEMENT) {
    const rows = members.slice(i, i + MEMBERS_PER_STATEMENT);
    const values: (string | number)[] = [];
    rows.forEach(([responseId, addition], j) => values.push(first + i + j, campaignId, responseId, addition));
    db.run(multiRow('INSERT INTO campaign_member (id, campaign_id, response_id, addition)', 4, rows.length), values);
  }
  indexMemberRange(db, first, first + members.length - 1);
}

/** Write detected campaigns for each question, keeping the official's decisions. */
export function storeCampaigns(
  db: Db,
  found: QuestionGroups[],
  questionIds: string[],
  threshold: number,
  now: Date,
): void {
  const at = now.toISOString();
  const byQuestion = new Map(found.map((f) => [f.questionId, f.groups]));
  for (const questionId of questionIds) {
    const groups = byQuestion.get(questionId) ?? [];
    const existing = existingCampaigns(db, questionId);
    const matched = new Set<number>();
    for (const g of groups) {
      const members = g.memberIds.map(Number);
      // The same campaign as before: the same key, or most of its members.
      let same = existing.find((e) => e.key === g.id && !matched.has(e.id));
      if (!same) {
        let best = 0;
        for (const e of existing) {
          if (matched.has(e.id)) continue;
          const overlap = members.reduce((s, id) => s + (e.members.has(id) ? 1 : 0), 0);
          if (overlap > best && overlap * 2 >= members.length) {
            best = overlap;
            same = e;
          }
        }
      }
      if (same && same.status !== 'proposed') {
        matched.add(same.id);
        if (same.status === 'confirmed')
          insertMembers(
            db,
            same.id,
            members.filter((id) => !same.members.has(id)).map((id) => [id, g.additions[String(id)] ?? '']),
          );
        continue;
      }
      if (same) {
        matched.add(same.id);
        unindexMembersOfCampaign(db, same.id);
        db.run('DELETE FROM campaign_member WHERE campaign_id = ?', [same.id]);
        db.run(
          'UPDATE campaign SET key = ?, template = ?, representative_id = ?, threshold = ?, similarity_min = ?, ' +
            'similarity_mean = ?, identical_count = ?, detected_at = ? WHERE id = ?',
          [
            g.id,
            g.template,
            Number(g.representativeId),
            threshold,
            g.similarity.min,
            g.similarity.mean,
            g.identicalCount,
            at,
            same.id,
          ],
        );
        insertMembers(
          db,
          same.id,
          members.map((id) => [id, g.additions[String(id)] ?? '']),
        );
        continue;
      }
      db.run(
        'INSERT INTO campaign (key, question_id, template, representative_id, threshold, similarity_min, ' +
          'similarity_mean, identical_count, status, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          g.id,
          questionId,
          g.template,
          Number(g.representativeId),
          threshold,
          g.similarity.min,
          g.similarity.mean,
          g.identicalCount,
          'proposed',
          at,
        ],
      );
      const cid = db.scalar<number>('SELECT id FROM campaign WHERE question_id = ? AND key = ?', [questionId, g.id])!;
      insertMembers(
        db,
        cid,
        members.map((id) => [id, g.additions[String(id)] ?? '']),
      );
    }
    // Proposals not found this time go; decided campaigns stay.
    for (const e of existing) {
      if (matched.has(e.id) || e.status !== 'proposed') continue;
      unindexMembersOfCampaign(db, e.id);
      db.run('DELETE FROM campaign_member WHERE campaign_id = ?', [e.id]);
      db.run('DELETE FROM campaign WHERE id = ?', [e.id]);
    }
  }
}

/** Write detected duplicate groups: a group found again keeps its status; open groups not found again go. */
export function storeDuplicates(db: Db, groups: DuplicateGroup[], now: Date): void {
  const at = now.toISOString();
  const keys = new Set(groups.map((g) => g.id));
  for (const g of db.all<{ id: number; key: string }>("SELECT id, key FROM duplicate_group WHERE status = 'open'")) {
    if (keys.has(g.key)) continue;
    db.run('DELETE FROM duplicate_member WHERE group_id = ?', [g.id]);
    db.run('DELETE FROM duplicate_group WHERE id = ?', [g.id]);
  }
  for (const g of groups) {
    if (db.get('SELECT 1 FROM duplicate_group WHERE key = ?', [g.id])) continue;
    db.run(
      'INSERT INTO duplicate_group (key, kind, matched_on, suggested_keep, status, detected_at) VALUES (?, ?, ' +
        '?, ?, ?, ?)',
      [g.id, g.kind, JSON.stringify(g.matchedOn), Number(g.suggestedKeepId), 'open', at],
    );
    const gid = db.scalar<number>('SELECT id FROM duplicate_group WHERE key = ?', [g.id])!;
    for (const m of g.memberIds)
      db.run('INSERT INTO duplicate_member (group_id, response_id) VALUES (?, ?)', [gid, Number(m)]);
  }
}

/** The whole detection job over the workspace. */
export async function runDetection(
  file: WorkspaceFile,
  draft: Draft,
  opts: DetectOptions,
  env: DetectEnv,
): Promise<DetectionOutcome> {
  const started = performance.now();
  const threshold = opts.threshold ?? 0.5;
  const minSize = opts.minSize ?? 5;
  const doCampaigns = opts.campaigns !== false;
  const doDuplicates = opts.duplicates !== false;
  env.progress?.(0, 1, 'Reading answers');
  await yieldNow();
  let found: QuestionGroups[] = [];
  let questionIds: string[] = [];
  if (doCampaigns) {
    const { docs, text } = campaignDocs(file.db, draft);
    questionIds = [...docs.keys()];
    found = await detectCampaignGroups(docs, text, { threshold, minSize }, env);
  }
  throwIfCancelled(env.signal);
  let dupGroups: DuplicateGroup[] = [];
  if (doDuplicates) {
    env.progress?.(0, 1, 'Looking for duplicates');
    await yieldNow();
    dupGroups = findDuplicates(duplicateCandidates(file.db));
  }
  throwIfCancelled(env.signal);
  env.progress?.(1, 1, 'Saving what was found');
  file.mutate((db) => {
    if (doCampaigns) storeCampaigns(db, found, questionIds, threshold, env.now);
    if (doDuplicates) storeDuplicates(db, dupGroups, env.now);
    const campaigns = db.scalar<number>("SELECT count(*) FROM campaign WHERE status <> 'rejected'") ?? 0;
    const groups = db.scalar<number>("SELECT count(*) FROM duplicate_group WHERE status = 'open'") ?? 0;
    db.run(
      'INSERT INTO detection_run (at, by, threshold, min_size, campaigns, duplicate_groups) VALUES (?, ?, ?, ?, ?, ?)',
      [env.now.toISOString(), env.actor, threshold, minSize, campaigns, groups],
    );
    audit(db, env.now, env.actor, 'responses.detect', null, { threshold, minSize, campaigns, duplicateGroups: groups });
  });
  return detectionSummary(file.db, threshold, (performance.now() - started) / 1000);
}

export function detectionSummary(db: Db, threshold: number, seconds: number): DetectionOutcome {
  const campaigns = db
    .all<{ id: number; size: number; question_id: string; status: string }>(
      'SELECT c.id, count(m.id) AS size, c.question_id, c.status FROM campaign c JOIN campaign_member m ON ' +
        "m.campaign_id = c.id AND m.removed_at IS NULL WHERE c.status <> 'rejected' GROUP BY c.id ORDER BY size " +
        'DESC, c.id',
    )
    .map((c) => ({
      id: c.id,
      size: c.size,
      questionId: c.question_id,
      status: c.status as DetectionOutcome['campaigns'][number]['status'],
    }));
  const duplicateGroups = db.scalar<number>("SELECT count(*) FROM duplicate_group WHERE status = 'open'") ?? 0;
  const duplicateResponses =
    db.scalar<number>(
      'SELECT count(DISTINCT d.response_id) FROM duplicate_member d JOIN duplicate_group g ON g.id = d.group_id ' +
        "WHERE g.status = 'open'",
    ) ?? 0;
  return { campaigns, duplicateGroups, duplicateResponses, threshold, seconds: Math.round(seconds * 100) / 100 };
}
