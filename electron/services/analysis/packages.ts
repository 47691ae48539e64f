import { randomUUID, createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import { openReadOnly, type WorkspaceFile, type WorkspaceFileOptions } from '../core/db/workspace-file';
import type { Draft } from '#shared/domain/draft/model';
import { WORKSPACE_EXTENSION } from '#shared/domain/workspace';
import { hashString } from '#shared/core/hash';
import { drawSample, describeSample, type SampleDefinition } from '#shared/coding/sample';
import { agreementView, isConflict, type AgreementItem } from '#shared/coding/agreement-view';
import { PACKAGE_META_KEY, parsePackageMeta } from '#shared/coding/package-meta';
import {
  MAIN_CODER_SET,
  packageCoderSet,
  type AgreementView,
  type ConflictView,
  type MergeOutcome,
  type PackageMeta,
  type PackageView,
} from '#shared/coding/types';
import { createWorkspace } from '../workspace/workspace-service';
import { indexAnswersFrom } from '../responses/search-index';
import { ANSWER_SLOTS, firstAnswerId } from '../responses/answer-ids';
import { audit } from '../core/audit';
import { analysisQuestions, findQuestion, type AnalysisQuestion } from './questions';
import { codableOf } from './coding';
import { textOf, type AnswerRow } from './answer-text';
import { listThemes, questionThemes } from './codebook';
import { recordExport } from './logged-file';

/**
 * Two coders without a server. The lead exports a coding package: a small workspace file made
 * from this one with the questions, the codebook and a reproducible random sample of answers
 * (response ids kept; no respondent details at all — blank respondents stand in), marked in its
 * meta table as a package of this consultation. A colleague opens it in their own workbench and
 * codes it with the same queue, then sends the file back. Merging reads it without opening it for
 * editing, refuses a package of another consultation, stores the colleague's codings as coder B
 * (coder set "package:<id>"), and records for every sampled answer both coders' themes at that
 * moment: agreement (Cohen's kappa, percent agreement) and conflicts come from that record, so
 * resolving a conflict afterwards never changes the agreement that was measured.
 */
export interface PackageEnv {
  now: Date;
  actor: string;
  signal?: AbortSignal | undefined;
  progress?: ((done: number, total: number, message: string) => void) | undefined;
  workspaceOptions?: WorkspaceFileOptions | undefined;
}

const cancelled = () => new AppError('cancelled', 'Cancelled. Nothing was changed.');

function packagePath(raw: string, workspacePath: string): string {
  const abs = resolve(raw.trim());
  const p = extname(abs).toLowerCase() === WORKSPACE_EXTENSION ? abs : abs + WORKSPACE_EXTENSION;
  if (p === resolve(workspacePath))
    throw new AppError('forbidden', 'That is this workspace. Choose another name for the package.', { field: 'path' });
  const dir = dirname(p);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new AppError('not-found', `The folder ${dir} does not exist.`, { field: 'path' });
  if (existsSync(p))
    throw new AppError('exists', `A file already exists at ${p}. Choose another name.`, { field: 'path' });
  return p;
}

export interface ExportPackageInput {
  path: string;
  questionIds: string[];
  /** Per question: a number of answers, or a share of them. */
  sample: SampleDefinition;
  /** Who the package is for (shown to them and in the agreement report). */
  coder: string;
}

/** The sampled answers: per question, its own draw (the seed mixed with the question id). */
export function sampleItems(
  db: Db,
  questions: readonly AnalysisQuestion[],
  sample: SampleDefinition,
): Array<{ questionId: string; responseId: number }> {
  const out: Array<{ questionId: string; responseId: number }> = [];
  for (const q of questions) {
    const codable = Array.from(codableOf(db, q));
    const drawn = drawSample(codable, { ...sample, seed: (sample.seed ^ hashString(q.id)) >>> 0 });
    for (const rid of drawn) out.push({ questionId: q.id, responseId: rid });
  }
  return out;
}

export async function exportPackage(
  file: WorkspaceFile,
  draft: Draft,
  input: ExportPackageInput,
  env: PackageEnv,
): Promise<PackageView> {
  const target = packagePath(input.path, file.path);
  const questions = [...new Set(input.questionIds)].map((id) => findQuestion(draft, id));
  const notCodable = questions.filter((q) => !q.codable);
  if (notCodable.length)
    throw new AppError('invalid-input', `Question ${notCodable[0]!.number} has no written answers to code.`, {
      field: 'questionIds',
    });
  env.progress?.(0, 4, 'Choosing the answers');
  const items = sampleItems(file.db, questions, input.sample);
  if (!items.length) throw new AppError('conflict', 'There are no answers to code in those questions yet.');
  if (env.signal?.aborted) throw cancelled();
  const db = file.db;
  const themes = listThemes(db).filter((t) => !t.archived);
  const packageId = randomUUID();
  const title = db.scalar<string>('SELECT title FROM consultation WHERE id = 1') ?? draft.metadata.title;
  const meta: PackageMeta = {
    packageId,
    sourceConsultationId: file.consultationId,
    sourceTitle: title,
    questionIds: questions.map((q) => q.id),
    coder: input.coder.trim(),
    createdAt: env.now.toISOString(),
    createdBy: env.actor,
    sample: input.sample,
    answers: items.length,
  };
  // The answers to send: only the sampled questions' parts, nothing about the respondent.
  const rows = items.map((it) => ({
    ...it,
    a: db.get<AnswerRow & { channel: string }>(
      'SELECT a.text, a.other_text, a.explanation, a.option_ids, r.channel FROM answer a JOIN response r ON ' +
        'r.id = ? WHERE a.id BETWEEN ? AND ? AND a.question_id = ?',
      [it.responseId, firstAnswerId(it.responseId), firstAnswerId(it.responseId) + ANSWER_SLOTS - 1, it.questionId],
    )!,
  }));
  env.progress?.(1, 4, 'Writing the package');
  const pkg = await createWorkspace(target, title, env.actor, env.workspaceOptions, draft);
  try {
    pkg.mutate((p) => {
      const at = env.now.toISOString();
      p.run('INSERT INTO meta (key, value) VALUES (?, ?)', [PACKAGE_META_KEY, JSON.stringify(meta)]);
      themes.forEach((t, i) =>
        p.run(
          'INSERT INTO theme (id, name, description, parent_id, question_ids, codable, colour, sort_order, ' +
            'origin, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ' +
            '?)',
          [
            t.id,
            t.name,
            t.description,
            t.parentId,
            JSON.stringify(t.questionIds),
            t.codable ? 1 : 0,
            t.colour,
            i + 1,
            t.origin,
            t.createdAt,
            t.createdBy,
            at,
            env.actor,
          ],
        ),
      );
      p.run(
        'INSERT INTO import_batch (id, source_name, sha256, channel, format, source_kind, details, rows_read, ' +
          "imported_count, imported_at, imported_by) VALUES (1, ?, NULL, 'other', 'typed', 'letter', ?, ?, ?, ?, " +
          '?)',
        [
          `Coding package from “${title}”`,
          JSON.stringify({ codingPackage: packageId }),
          items.length,
          items.length,
          at,
          env.actor,
        ],
      );
      const responses = [...new Set(items.map((i) => i.responseId))].sort((a, b) => a - b);
      const channel = new Map(rows.map((r) => [r.responseId, r.a.channel]));
      for (const rid of responses) {
        p.run('INSERT INTO respondent (id, batch_id) VALUES (?, 1)', [rid]);
        p.run('INSERT INTO response (id, batch_id, respondent_id, channel, created_at) VALUES (?, 1, ?, ?, ?)', [
          rid,
          rid,
          channel.get(rid) ?? 'other',
          at,
        ]);
      }
      // Answer ids carry their response (answer-ids.ts): the response's first slot, then the next.
      const slot = new Map<number, number>();
      for (const r of rows) {
        const k = slot.get(r.responseId) ?? 0;
        slot.set(r.responseId, k + 1);
        p.run(
          'INSERT INTO answer (id, question_id, option_ids, text, other_text, explanation) VALUES (?, ?, ?, ?, ?, ?)',
          [firstAnswerId(r.responseId) + k, r.questionId, r.a.option_ids, r.a.text, r.a.other_text, r.a.explanation],
        );
      }
      indexAnswersFrom(p, 0);
      audit(p, env.now, env.actor, 'analysis.package-created', packageId, {
        from: file.consultationId,
        questions: meta.questionIds,
        answers: items.length,
        coder: meta.coder,
      });
    });
  } finally {
    pkg.close();
  }
  if (env.signal?.aborted) {
    // The file is complete and harmless, but the official asked to stop: say so rather than pretend.
    throw new AppError(
      'cancelled',
      `Cancelled after the package was written to ${target}. Delete it if it is not needed.`,
    );
  }
  env.progress?.(3, 4, 'Recording the package');
  const bytes = readFileSync(target);
  file.mutate((wdb) => {
    wdb.run(
      'INSERT INTO coding_package (id, coder, question_ids, sample, answers, path, created_at, created_by) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [
        packageId,
        meta.coder,
        JSON.stringify(meta.questionIds),
        JSON.stringify(input.sample),
        items.length,
        target,
        meta.createdAt,
        env.actor,
      ],
    );
    audit(wdb, env.now, env.actor, 'analysis.package-export', packageId, {
      path: target,
      answers: items.length,
      sample: input.sample,
    });
  });
  recordExport(file, {
    kind: 'coding-package',
    path: target,
    redaction: 'none',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    note:
      `${describeSample(input.sample, items.length)} for ${meta.coder || 'a second coder'}: answers only, no ` +
      `respondent details`,
    now: env.now,
    actor: env.actor,
  });
  env.progress?.(4, 4, 'Done');
  return listPackages(file.db, draft).find((x) => x.id === packageId)!;
}

interface PackageRow {
  id: string;
  coder: string;
  question_ids: string;
  sample: string;
  answers: number;
  path: string;
  created_at: string;
  created_by: string;
  merged_at: string | null;
  merged_by: string | null;
}

export function listPackages(db: Db, draft: Draft): PackageView[] {
  return db.all<PackageRow>('SELECT * FROM coding_package ORDER BY created_at DESC, id').map((r) => ({
    id: r.id,
    direction: r.merged_at ? 'received' : 'sent',
    coder: r.coder,
    questionIds: JSON.parse(r.question_ids) as string[],
    sample: JSON.parse(r.sample) as SampleDefinition,
    answers: r.answers,
    path: r.path,
    createdAt: r.created_at,
    createdBy: r.created_by,
    mergedAt: r.merged_at,
    mergedBy: r.merged_by,
    agreement: r.merged_at ? agreementFor(db, draft, r.id) : null,
  }));
}

/** This workspace's package meta, when it is a coding package. */
export function packageMetaOf(db: Db): PackageMeta | null {
  return parsePackageMeta(db.scalar<string>('SELECT value FROM meta WHERE key = ?', [PACKAGE_META_KEY]));
}

interface ThemesOf {
  themes: Map<string, Set<string>>;
  coded: Set<string>;
  sentiment: Map<string, string>;
}

/** Per "questionId|responseId": the themes (not deleted, codable or not) and whether the answer counts as coded. */
function codingState(db: Db, coderSet: string, keys: ReadonlySet<string>): ThemesOf {
  const themes = new Map<string, Set<string>>();
  const coded = new Set<string>();
  const sentiment = new Map<string, string>();
  for (const r of db.all<{ response_id: number; question_id: string; theme_id: string }>(
    'SELECT c.response_id, c.question_id, c.theme_id FROM coding c JOIN theme t ON t.id = c.theme_id WHERE ' +
      'c.coder_set = ? AND c.removed_at IS NULL AND t.archived_at IS NULL',
    [coderSet],
  )) {
    const k = `${r.question_id}|${r.response_id}`;
    if (!keys.has(k)) continue;
    let s = themes.get(k);
    if (!s) themes.set(k, (s = new Set()));
    s.add(r.theme_id);
    coded.add(k);
  }
  for (const r of db.all<{ response_id: number; question_id: string; complete: number; sentiment: string | null }>(
    'SELECT response_id, question_id, complete, sentiment FROM annotation WHERE coder_set = ?',
    [coderSet],
  )) {
    const k = `${r.question_id}|${r.response_id}`;
    if (!keys.has(k)) continue;
    if (r.complete) coded.add(k);
    if (r.sentiment) sentiment.set(k, r.sentiment);
  }
  return { themes, coded, sentiment };
}

/** Merge a colleague's coded package into this workspace. */
export async function mergePackage(
  file: WorkspaceFile,
  draft: Draft,
  input: { path: string },
  env: PackageEnv,
): Promise<MergeOutcome> {
  const path = resolve(input.path.trim());
  if (path === resolve(file.path))
    throw new AppError('invalid-input', 'That is this workspace, not a coding package.', { field: 'path' });
  env.progress?.(0, 3, 'Reading the package');
  const ro = await openReadOnly(path, { integrityCheck: true }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not-a-workspace')
      throw new AppError('bad-file', 'That file is not a coding package (it is not a Consultation Workbench file).', {
        field: 'path',
      });
    throw e;
  });
  try {
    const meta = packageMetaOf(ro.db);
    if (!meta)
      throw new AppError(
        'bad-file',
        'That workspace is not a coding package. Choose the file your colleague sent back.',
        { field: 'path' },
      );
    if (meta.sourceConsultationId !== file.consultationId) {
      throw new AppError(
        'conflict',
        `That coding package was made from another consultation (“${meta.sourceTitle}”), so it cannot be merged ` +
          `into this one.`,
        { field: 'path', packageOf: meta.sourceConsultationId },
      );
    }
    if (integrityIssues(ro.integrity))
      throw new AppError(
        'corrupt',
        'That coding package is damaged and cannot be read. Ask your colleague to send it again.',
        { field: 'path' },
      );
    const pdb = ro.db;
    const sampled = pdb.all<{ response_id: number; question_id: string }>(
      'SELECT response_id, question_id FROM answer ORDER BY question_id, response_id',
    );
    const keys = new Set(sampled.map((s) => `${s.question_id}|${s.response_id}`));
    const theirs = codingState(pdb, MAIN_CODER_SET, keys);
    const theirCodings = pdb.all<{
      response_id: number;
      question_id: string;
      theme_id: string;
      coder: string;
      start_offset: number | null;
      end_offset: number | null;
      passage: string | null;
      at: string;
    }>(
      'SELECT c.response_id, c.question_id, c.theme_id, c.coder, c.start_offset, c.end_offset, c.passage, c.at ' +
        'FROM coding c JOIN theme t ON t.id = c.theme_id WHERE c.coder_set = ? AND c.removed_at IS NULL AND ' +
        't.archived_at IS NULL ORDER BY c.id',
      [MAIN_CODER_SET],
    );
    const theirAnnotations = pdb.all<{
      response_id: number;
      question_id: string;
      sentiment: string | null;
      memo: string;
      complete: number;
      updated_by: string;
      updated_at: string;
    }>(
      'SELECT response_id, question_id, sentiment, memo, complete, updated_by, updated_at FROM annotation WHERE ' +
        'coder_set = ?',
      [MAIN_CODER_SET],
    );
    const theirThemeNames = new Map(
      pdb.all<{ id: string; name: string }>('SELECT id, name FROM theme').map((t) => [t.id, t.name]),
    );
    if (env.signal?.aborted) throw cancelled();
    env.progress?.(1, 3, 'Merging the codings');

    const ours = new Set(file.db.all<{ id: string }>('SELECT id FROM theme').map((t) => t.id));
    const unknown = new Map<string, number>();
    const usable = theirCodings.filter((c) => {
      if (ours.has(c.theme_id) && keys.has(`${c.question_id}|${c.response_id}`)) return true;
      if (!ours.has(c.theme_id)) unknown.set(c.theme_id, (unknown.get(c.theme_id) ?? 0) + 1);
      return false;
    });
    const coders = [...new Set(theirCodings.map((c) => c.coder))];
    const coderB = meta.coder || coders.join(', ') || 'Second coder';
    const set = packageCoderSet(meta.packageId);
    const warnings: string[] = [];
    const missing = sampled.filter(
      (s) => !file.db.get("SELECT 1 FROM response WHERE id = ? AND status = 'active'", [s.response_id]),
    );
    if (missing.length)
      warnings.push(
        `${missing.length} sampled ${missing.length === 1 ? 'answer is' : 'answers are'} no longer in this ` +
          `workspace (a batch was undone or a duplicate set aside) and ${missing.length === 1 ? 'is' : 'are'} left ` +
          `out.`,
      );

    file.mutate((db) => {
      const at = env.now.toISOString();
      if (!db.get('SELECT 1 FROM coding_package WHERE id = ?', [meta.packageId])) {
        db.run(
          'INSERT INTO coding_package (id, coder, question_ids, sample, answers, path, created_at, created_by) ' +
            'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [
            meta.packageId,
            meta.coder,
            JSON.stringify(meta.questionIds),
            JSON.stringify(meta.sample),
            meta.answers,
            path,
            meta.createdAt,
            meta.createdBy,
          ],
        );
        warnings.push('This package was made from a copy of this workspace; it is recorded now.');
      }
      // A package merged again replaces what it brought before (it is a copy of the colleague's file).
      db.run('DELETE FROM coding WHERE coder_set = ?', [set]);
      db.run('DELETE FROM annotation WHERE coder_set = ?', [set]);
      for (const c of usable) {
        db.run(
          'INSERT INTO coding (response_id, question_id, theme_id, coder_set, coder, source, start_offset, ' +
            'end_offset, passage, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            c.response_id,
            c.question_id,
            c.theme_id,
            set,
            c.coder,
            'package',
            c.start_offset,
            c.end_offset,
            c.passage,
            c.at,
          ],
        );
      }
      for (const a of theirAnnotations) {
        if (!keys.has(`${a.question_id}|${a.response_id}`)) continue;
        db.run(
          'INSERT INTO annotation (coder_set, response_id, question_id, sentiment, memo, complete, updated_by, ' +
            'updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [set, a.response_id, a.question_id, a.sentiment, a.memo, a.complete, a.updated_by, a.updated_at],
        );
      }
      // The record agreement is measured on: both coders' themes now (the lead's from this workspace).
      const mine = codingState(db, MAIN_CODER_SET, keys);
      const gone = new Set(missing.map((m) => `${m.question_id}|${m.response_id}`));
      const previous = new Map(
        db
          .all<{
            response_id: number;
            question_id: string;
            a_themes: string;
            b_themes: string;
            resolution: string | null;
            resolved_op: number | null;
            resolved_by: string | null;
            resolved_at: string | null;
          }>('SELECT * FROM package_item WHERE package_id = ?', [meta.packageId])
          .map((r) => [`${r.question_id}|${r.response_id}`, r]),
      );
      db.run('DELETE FROM package_item WHERE package_id = ?', [meta.packageId]);
      for (const s of sampled) {
        const k = `${s.question_id}|${s.response_id}`;
        if (gone.has(k)) continue;
        const a = JSON.stringify([...(mine.themes.get(k) ?? [])].sort());
        const b = JSON.stringify([...(theirs.themes.get(k) ?? [])].filter((t) => ours.has(t)).sort());
        const prev = previous.get(k);
        const keep = prev && prev.a_themes === a && prev.b_themes === b && prev.resolution;
        db.run(
          'INSERT INTO package_item (package_id, response_id, question_id, a_themes, b_themes, a_coded, ' +
            'b_coded, resolution, resolved_op, resolved_by, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            meta.packageId,
            s.response_id,
            s.question_id,
            a,
            b,
            mine.coded.has(k) ? 1 : 0,
            theirs.coded.has(k) ? 1 : 0,
            keep ? prev.resolution : null,
            keep ? prev.resolved_op : null,
            keep ? prev.resolved_by : null,
            keep ? prev.resolved_at : null,
          ],
        );
      }
      db.run('UPDATE coding_package SET merged_at = ?, merged_by = ?, merged_from = ?, coder = ? WHERE id = ?', [
        at,
        env.actor,
        path,
        coderB,
        meta.packageId,
      ]);
      audit(db, env.now, env.actor, 'analysis.package-merge', meta.packageId, {
        path,
        codings: usable.length,
        unknownThemes: unknown.size,
      });
    });
    env.progress?.(3, 3, 'Done');
    const view = listPackages(file.db, draft).find((p) => p.id === meta.packageId)!;
    if (unknown.size)
      warnings.push(
        'Your colleague used themes that are not in this codebook; their codings with those themes were not ' +
          'taken. Add the themes (or import their codebook) and merge again.',
      );
    return {
      package: view,
      codings: usable.length,
      answersCodedByColleague: [...keys].filter((k) => theirs.coded.has(k)).length,
      conflicts: view.agreement?.questions.reduce((s, q) => s + q.conflicts, 0) ?? 0,
      unknownThemes: [...unknown].map(([id, codings]) => ({ id, name: theirThemeNames.get(id) ?? id, codings })),
      warnings,
    };
  } finally {
    ro.db.close();
  }
}

const integrityIssues = (problems: string[]): boolean => problems.length > 0;

interface ItemRow {
  response_id: number;
  question_id: string;
  a_themes: string;
  b_themes: string;
  a_coded: number;
  b_coded: number;
  resolution: ConflictView['resolution'];
  resolved_by: string | null;
  resolved_at: string | null;
}

function items(db: Db, packageId: string): ItemRow[] {
  return db.all<ItemRow>(
    'SELECT response_id, question_id, a_themes, b_themes, a_coded, b_coded, resolution, resolved_by, ' +
      'resolved_at FROM package_item WHERE package_id = ? ORDER BY question_id, response_id',
    [packageId],
  );
}

const toItem = (r: ItemRow): AgreementItem => ({
  responseId: r.response_id,
  questionId: r.question_id,
  a: JSON.parse(r.a_themes) as string[],
  b: JSON.parse(r.b_themes) as string[],
  aCoded: r.a_coded === 1,
  bCoded: r.b_coded === 1,
});

/** Agreement for a merged package, per theme, per question and overall (null before it is merged). */
export function agreementFor(db: Db, draft: Draft, packageId: string): AgreementView | null {
  const pkg = db.get<PackageRow>('SELECT * FROM coding_package WHERE id = ?', [packageId]);
  if (!pkg?.merged_at) return null;
  const rows = items(db, packageId);
  const qIds = JSON.parse(pkg.question_ids) as string[];
  const all = analysisQuestions(draft, true);
  const questions = qIds
    .map((id) => all.find((q) => q.id === id))
    .filter((q): q is AnalysisQuestion => !!q)
    .map((q) => ({
      id: q.id,
      number: q.number || q.text,
      themes: questionThemes(db, q.id).map((t) => ({ id: t.id, name: t.name })),
    }));
  const coderA = [
    ...new Set(
      db
        .all<{ coder: string }>(
          `SELECT DISTINCT c.coder FROM coding c JOIN package_item i ON i.package_id = ? AND i.response_id = ` +
            `c.response_id AND i.question_id = c.question_id WHERE c.coder_set = 'main' AND c.source <> 'package'`,
          [packageId],
        )
        .map((r) => r.coder),
    ),
  ];
  return agreementView({
    packageId,
    coderA: coderA.join(', ') || 'This workspace',
    coderB: pkg.coder || 'Second coder',
    questions,
    items: rows.map(toItem),
  });
}

/** Answers both coders coded differently (conflicts), with both sets of themes by name. */
export function listConflicts(
  db: Db,
  draft: Draft,
  packageId: string,
  opts: { includeResolved?: boolean | undefined } = {},
): ConflictView[] {
  if (!db.get('SELECT 1 FROM coding_package WHERE id = ?', [packageId]))
    throw new AppError('not-found', 'That package is not recorded in this workspace.');
  const names = new Map(listThemes(db).map((t) => [t.id, t.name]));
  const all = analysisQuestions(draft, true);
  const out: ConflictView[] = [];
  for (const r of items(db, packageId)) {
    const q = all.find((x) => x.id === r.question_id);
    if (!q) continue;
    const ids = new Set(questionThemes(db, q.id).map((t) => t.id));
    const it = toItem(r);
    if (!isConflict(it, ids)) continue;
    if (r.resolution && !opts.includeResolved) continue;
    const a = db.get<AnswerRow>(
      'SELECT text, other_text, explanation, option_ids FROM answer WHERE id BETWEEN ? AND ? AND question_id = ?',
      [firstAnswerId(r.response_id), firstAnswerId(r.response_id) + ANSWER_SLOTS - 1, r.question_id],
    );
    out.push({
      packageId,
      responseId: r.response_id,
      questionId: q.id,
      questionNumber: q.number,
      text: textOf(q, a),
      mine: it.a.filter((t) => ids.has(t)).map((t) => names.get(t) ?? t),
      theirs: it.b.filter((t) => ids.has(t)).map((t) => names.get(t) ?? t),
      resolution: r.resolution,
      resolvedBy: r.resolved_by,
      resolvedAt: r.resolved_at,
    });
  }
  return out;
}

/**
 * The lead's decision on conflicts: keep mine, take theirs (the answer's themes become the
 * colleague's), or both (add theirs to mine). One undoable operation for the lot.
 */
export function resolveConflicts(
  file: WorkspaceFile,
  draft: Draft,
  input: {
    packageId: string;
    take: 'mine' | 'theirs' | 'both';
    items?: Array<{ responseId: number; questionId: string }> | undefined;
  },
  now: Date,
  actor: string,
): { resolved: number; opId: number | null } {
  const open = listConflicts(file.db, draft, input.packageId);
  const wanted = input.items ? new Set(input.items.map((i) => `${i.questionId}|${i.responseId}`)) : null;
  const chosen = open.filter((c) => !wanted || wanted.has(`${c.questionId}|${c.responseId}`));
  if (!chosen.length) return { resolved: 0, opId: null };
  return file.mutate((db) => {
    const at = now.toISOString();
    db.run(
      'INSERT INTO coding_op (kind, description, question_id, theme_id, count, at, by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [
        'conflicts',
        `${chosen.length === 1 ? '1 conflict' : `${chosen.length} conflicts`} resolved: ` +
          (input.take === 'mine'
            ? 'kept this workspace’s coding'
            : input.take === 'theirs'
              ? 'took the colleague’s coding'
              : 'kept both coders’ themes'),
        chosen.length === 1 ? chosen[0]!.questionId : null,
        null,
        chosen.length,
        at,
        actor,
      ],
    );
    const opId = db.scalar<number>('SELECT max(id) FROM coding_op')!;
    for (const c of chosen) {
      const row = db.get<ItemRow>(
        'SELECT * FROM package_item WHERE package_id = ? AND question_id = ? AND response_id = ?',
        [input.packageId, c.questionId, c.responseId],
      )!;
      const theirs = JSON.parse(row.b_themes) as string[];
      if (input.take !== 'mine') {
        const current = new Set(
          db
            .all<{ theme_id: string }>(
              'SELECT theme_id FROM coding WHERE coder_set = ? AND question_id = ? AND response_id = ? AND ' +
                'removed_at IS NULL',
              [MAIN_CODER_SET, c.questionId, c.responseId],
            )
            .map((r) => r.theme_id),
        );
        if (input.take === 'theirs') {
          const keep = new Set(theirs);
          db.run(
            `UPDATE coding SET removed_at = ?, removed_by = ?, removed_op = ? WHERE coder_set = ? AND ` +
              `question_id = ? AND response_id = ? AND removed_at IS NULL AND theme_id NOT IN ` +
              `(${theirs.map(() => '?').join(',') || "''"})`,
            [at, actor, opId, MAIN_CODER_SET, c.questionId, c.responseId, ...keep],
          );
        }
        for (const t of theirs) {
          if (current.has(t)) continue;
          db.run(
            'INSERT INTO coding (response_id, question_id, theme_id, coder_set, coder, source, op_id, at) ' +
              'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [c.responseId, c.questionId, t, MAIN_CODER_SET, actor, 'package', opId, at],
          );
        }
      }
      db.run(
        'UPDATE package_item SET resolution = ?, resolved_op = ?, resolved_by = ?, resolved_at = ? WHERE ' +
          'package_id = ? AND question_id = ? AND response_id = ?',
        [input.take, opId, actor, at, input.packageId, c.questionId, c.responseId],
      );
    }
    db.run('UPDATE coding_op SET count = ? WHERE id = ?', [chosen.length, opId]);
    audit(db, now, actor, 'analysis.conflicts-resolve', input.packageId, {
      take: input.take,
      count: chosen.length,
      opId,
    });
    return { resolved: chosen.length, opId };
  });
}
