/**
 * Drafting on a large draft (30,000 words, 60 questions): the latency of one saved edit of a
 * section (what each pause in typing costs: the journaled write of the section, undo bookkeeping),
 * of a structural change (moving a question), of undo, and of saving a version.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspace } from '#electron/services/workspace/workspace-service';
import * as drafts from '#electron/services/draft/draft-service';
import { DraftHistory } from '#electron/services/draft/history';
import { saveVersion } from '#electron/services/draft/versions';
import { largeDraft } from '../large-draft';
import { percentile, round, timed } from '../stats';
import type { RichDoc } from '#shared/domain/draft/rich-text';

export const name = 'drafting';

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-draft-'));
  try {
    const draft = largeDraft({ words: 30_000, questions: 60 });
    const file = await createWorkspace(
      join(dir, 'big.consult'),
      draft.metadata.title.slice(0, 65) || 'Big',
      'bench',
      undefined,
      draft,
    );
    const history = new DraftHistory();
    const dctx = () => ({ file, history, actor: 'bench', now: new Date() });
    const section = draft.sections.reduce((a, b) =>
      JSON.stringify(b.body).length > JSON.stringify(a.body).length ? b : a,
    );
    const edit: number[] = [];
    for (let i = 0; i < 200; i++) {
      const body: RichDoc = {
        ...section.body,
        content: [
          ...section.body.content,
          { type: 'paragraph', content: [{ type: 'text', text: `Edit number ${i}.` }] },
        ],
      };
      const t = await timed(() => drafts.updateSection(dctx(), section.id, { body }));
      edit.push(t.ms);
    }
    const moves: number[] = [];
    const q = draft.questions[5]!;
    for (let i = 0; i < 50; i++)
      moves.push((await timed(() => drafts.moveQuestion(dctx(), q.id, q.sectionId, i % 2))).ms);
    const undos: number[] = [];
    for (let i = 0; i < 50; i++) undos.push((await timed(() => drafts.undo(dctx()))).ms);
    const version = await timed(() => saveVersion(file, 'Bench', 'bench', new Date()));
    file.close();
    return {
      draftWords: 30_000,
      draftQuestions: draft.questions.length,
      sectionEditP50Ms: round(percentile(edit, 50), 1),
      sectionEditP95Ms: round(percentile(edit, 95), 1),
      moveQuestionP50Ms: round(percentile(moves, 50), 1),
      moveQuestionP95Ms: round(percentile(moves, 95), 1),
      undoP50Ms: round(percentile(undos, 50), 1),
      saveVersionMs: round(version.ms, 1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
