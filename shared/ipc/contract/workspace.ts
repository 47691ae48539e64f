import { z } from 'zod';
import { call } from '../spec';
import type { ConsultationOverview } from '../../domain/overview';
import {
  TITLE_MAX,
  type VerifyReport,
  type WorkspaceInspection,
  type WorkspaceState,
  type WorkspaceSummary,
} from '../../domain/workspace';

const path = z.string().min(1, 'Enter a file path').max(4096, 'The path is too long');
export const titleSchema = z
  .string()
  .trim()
  .min(1, 'Enter a title for the consultation')
  .max(TITLE_MAX, `Title must be ${TITLE_MAX} characters or fewer`);

export const workspaceContract = {
  'workspace.create': call<WorkspaceSummary>()(
    z.strictObject({
      path,
      title: titleSchema,
      /**
       * What the draft starts as: the standard template (default), the filled-in example, blank, a copy of another
       * workspace's draft, or a draft JSON file.
       */
      from: z
        .discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('template'), template: z.enum(['standard', 'example', 'blank']) }),
          z.strictObject({ kind: z.literal('workspace'), path }),
          z.strictObject({ kind: z.literal('json'), path }),
        ])
        .optional(),
    }),
    'mutation',
  ),
  /**
   * `readOnly`: open without locking or changing the file (the command line's search, dry runs and
   * draft export): any change is refused with 'read-only'.
   */
  'workspace.open': call<WorkspaceSummary>()(z.strictObject({ path, readOnly: z.boolean().optional() }), 'mutation'),
  'workspace.current': call<WorkspaceSummary | null>()(z.strictObject({}), 'query'),
  'workspace.state': call<WorkspaceState | null>()(z.strictObject({}), 'query'),
  /** `warning`: the changes are saved in the journal, but the file could not be rewritten (a full disk). */
  'workspace.close': call<{ closed: boolean; warning?: string }>()(z.strictObject({}), 'mutation'),
  'workspace.save': call<WorkspaceState>()(z.strictObject({}), 'mutation'),
  'workspace.saveAs': call<WorkspaceSummary>()(z.strictObject({ path }), 'mutation'),
  'workspace.setTitle': call<WorkspaceSummary>()(z.strictObject({ title: titleSchema }), 'mutation'),
  'workspace.verify': call<VerifyReport>()(z.strictObject({ path }), 'query'),
  'workspace.inspect': call<WorkspaceInspection>()(z.strictObject({ path }), 'query'),
  'workspace.overview': call<ConsultationOverview>()(z.strictObject({}), 'query'),
} as const;
