import { readFileSync, statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppError } from '#shared/core/errors';
import type { Draft } from '#shared/domain/draft/model';
import { standardTemplate, blankDraft } from '#shared/domain/draft/template';
import { exampleDraft } from '#shared/domain/draft/example';
import { openReadOnly } from '../core/db/workspace-file';
import { writeFileAtomicSync } from '../core/files/atomic-write';
import type { HandlerContext, HandlerTable } from '../core/session';
import { requireWorkspace } from '../core/require-workspace';
import * as drafts from './draft-service';
import { compareVersions, getVersion, listVersions, saveVersion } from './versions';
import type { DraftChannel } from '#shared/ipc/channels';
import { draftHistoryOf } from './session-history';

function dctx(ctx: HandlerContext): drafts.DraftContext {
  return {
    file: requireWorkspace(ctx),
    history: draftHistoryOf(ctx.session),
    actor: ctx.services.actor,
    now: ctx.services.clock(),
  };
}

function withHistory(ctx: HandlerContext) {
  const ws = requireWorkspace(ctx);
  return {
    draft: drafts.loadDraft(ws.db),
    canUndo: draftHistoryOf(ctx.session).canUndo,
    canRedo: draftHistoryOf(ctx.session).canRedo,
  };
}

const MAX_DRAFT_FILE = 200 * 1024 * 1024;

/** Read a draft JSON file, refusing anything too big to be a draft before reading it. */
export function readDraftFile(path: string): Draft {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new AppError('not-found', `There is no file at ${path}.`, { path });
  }
  if (size > MAX_DRAFT_FILE)
    throw new AppError('bad-file', `${path} is ${Math.round(size / 2 ** 20)} MB, too big to be a consultation draft.`);
  return drafts.parseDraftJson(readFileSync(path, 'utf8'), `The file ${path}`);
}

/** Read the draft of another workspace without opening it for editing. */
export async function readWorkspaceDraft(path: string): Promise<Draft> {
  const ro = await openReadOnly(resolvePath(path), { integrityCheck: false });
  try {
    return drafts.loadDraft(ro.db);
  } finally {
    ro.db.close();
  }
}

/**
 * A new workspace's starting draft. Copies get fresh ids for sections (questions keep theirs: they are new questions in
 * a new consultation either way).
 */
export async function startingDraft(
  from:
    | { kind: 'template'; template: 'standard' | 'example' | 'blank' }
    | { kind: 'workspace'; path: string }
    | { kind: 'json'; path: string }
    | undefined,
  title: string,
): Promise<Draft> {
  if (!from || from.kind === 'template') {
    const t = from?.template ?? 'standard';
    return t === 'example' ? exampleDraft() : t === 'blank' ? blankDraft(title) : standardTemplate(title, randomUUID);
  }
  if (from.kind === 'workspace') return { ...(await readWorkspaceDraft(from.path)), dismissed: [] };
  return readDraftFile(resolvePath(from.path));
}

export const draftHandlers: HandlerTable<DraftChannel> = {
  'draft.get': (_i, ctx) => withHistory(ctx),

  'draft.updateMetadata': ({ patch }, ctx) => {
    const metadata = drafts.updateMetadata(dctx(ctx), patch);
    return { metadata, canUndo: draftHistoryOf(ctx.session).canUndo };
  },

  'draft.updateSection': ({ id, title, body, kind }, ctx) => {
    drafts.updateSection(dctx(ctx), id, {
      ...(title !== undefined ? { title } : {}),
      ...(body ? { body } : {}),
      ...(kind ? { kind } : {}),
    });
    return { canUndo: draftHistoryOf(ctx.session).canUndo };
  },

  'draft.addSection': ({ kind, title, afterId }, ctx) => {
    const id = drafts.addSection(dctx(ctx), { kind, title, afterId });
    return { ...withHistory(ctx), id };
  },

  'draft.deleteSection': ({ id }, ctx) => {
    drafts.deleteSection(dctx(ctx), id);
    return withHistory(ctx);
  },

  'draft.moveSection': ({ id, toIndex }, ctx) => {
    drafts.moveSection(dctx(ctx), id, toIndex);
    return withHistory(ctx);
  },

  'draft.addQuestion': ({ sectionId, type, afterId }, ctx) => {
    const id = drafts.addQuestion(dctx(ctx), { sectionId, type, afterId });
    return { ...withHistory(ctx), id };
  },

  'draft.updateQuestion': ({ id, patch }, ctx) => {
    const question = drafts.updateQuestion(dctx(ctx), id, patch);
    return { question, canUndo: draftHistoryOf(ctx.session).canUndo };
  },

  'draft.deleteQuestion': ({ id }, ctx) => {
    drafts.deleteQuestion(dctx(ctx), id);
    return withHistory(ctx);
  },

  'draft.moveQuestion': ({ id, sectionId, toIndex }, ctx) => {
    drafts.moveQuestion(dctx(ctx), id, sectionId, toIndex);
    return withHistory(ctx);
  },

  'draft.updateAboutYou': ({ fields }, ctx) => {
    drafts.updateAboutYou(dctx(ctx), fields);
    return withHistory(ctx);
  },

  'draft.updatePrivacy': ({ patch }, ctx) => {
    drafts.updatePrivacy(dctx(ctx), patch);
    return { canUndo: draftHistoryOf(ctx.session).canUndo };
  },

  'draft.updateChecker': ({ patch }, ctx) => {
    drafts.updateChecker(dctx(ctx), patch);
    return withHistory(ctx);
  },

  'draft.dismissFinding': ({ key, reason }, ctx) => {
    drafts.dismissFinding(dctx(ctx), key, reason);
    return withHistory(ctx);
  },

  'draft.restoreFinding': ({ key }, ctx) => {
    drafts.restoreFinding(dctx(ctx), key);
    return withHistory(ctx);
  },

  'draft.undo': (_i, ctx) => {
    const changed = drafts.undo(dctx(ctx));
    return { ...withHistory(ctx), changed };
  },

  'draft.redo': (_i, ctx) => {
    const changed = drafts.redo(dctx(ctx));
    return { ...withHistory(ctx), changed };
  },

  'draft.saveVersion': ({ label }, ctx) =>
    saveVersion(requireWorkspace(ctx), label, ctx.services.actor, ctx.services.clock()),

  'draft.listVersions': (_i, ctx) => listVersions(requireWorkspace(ctx).db),

  'draft.getVersion': ({ id }, ctx) => getVersion(requireWorkspace(ctx).db, id),

  'draft.compare': ({ from, to }, ctx) => compareVersions(requireWorkspace(ctx).db, from, to),

  'draft.exportJson': ({ path }, ctx) => {
    const draft = drafts.loadDraft(requireWorkspace(ctx).db);
    const bytes = Buffer.from(JSON.stringify(draft, null, 2) + '\n', 'utf8');
    const target = resolvePath(path);
    try {
      writeFileAtomicSync(target, bytes);
    } catch (e) {
      throw new AppError('io', `Could not write ${target}: ${(e as Error).message}`, { path: target });
    }
    return { path: target, bytes: bytes.length, sections: draft.sections.length, questions: draft.questions.length };
  },

  'draft.readJson': ({ path }) => readDraftFile(resolvePath(path)),

  'draft.inspect': ({ path }) => readWorkspaceDraft(path),
};
