import { z } from 'zod';
import { call } from '../spec';
import type { WorkspaceSummary } from '../../domain/workspace';
import type { ConflictView, ServerQuestion, SyncReport, TeamStatus } from '../../domain/team';

/**
 * A team copy (electron/services/team/): the workspace published to the department's PostgreSQL, copies joined
 * from it, and Sync. The server is a postgres:// URL; credentials come from the PostgreSQL environment or .pgpass
 * and are never kept in the workspace (a password in the URL is used to connect and dropped).
 */
const server = z
  .string()
  .trim()
  .min(1, 'Enter the team server, as postgres://host/database')
  .max(2000, 'The server address is too long')
  .regex(/^postgres(ql)?:\/\//, 'Give the team server as postgres://host/database');
const schema = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'Use lower-case letters, digits and _ for the team’s name on the server')
  .optional();
const path = z.string().min(1, 'Enter a file path').max(4096, 'The path is too long');

export const teamContract = {
  /** The open workspace's team: null when it is not a team copy. */
  'team.status': call<TeamStatus | null>()(z.strictObject({}), 'query'),
  /** Publish the open workspace as the team's consultation (a lead, once). */
  'team.init': call<TeamStatus>()(z.strictObject({ server, schema }), 'job'),
  /**
   * Make a new working copy at `path` from the team's server, and open it. `questionIds`: a slice copy holding only
   * those questions' answers (made from the server's rows, for a consultation too large for a laptop).
   */
  'team.join': call<{ workspace: WorkspaceSummary; sync: SyncReport }>()(
    z.strictObject({
      server,
      schema,
      path,
      questionIds: z.array(z.string().min(1).max(200)).min(1).max(2000).optional(),
    }),
    'job',
  ),
  /**
   * The questions of the team's consultation as published, in the consultation's order with their numbers: what a
   * slice copy (`team.join` with `questionIds`) can be made of. Reads the server; changes nothing.
   */
  'team.serverQuestions': call<ServerQuestion[]>()(z.strictObject({ server, schema }), 'query'),
  /** Send this copy's changes, bring in everyone's, list conflicts met. */
  'team.sync': call<SyncReport>()(z.strictObject({}), 'job'),
  'team.conflicts': call<ConflictView[]>()(z.strictObject({}), 'query'),
  /** Settle a conflict by keeping one of its versions (0-based, in the order listed). */
  'team.resolveConflict': call<SyncReport>()(
    z.strictObject({ id: z.number().int().positive(), keep: z.number().int().min(0).max(100) }),
    'job',
  ),
} as const;
