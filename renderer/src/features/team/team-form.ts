import type { AppErrorShape } from '#shared/core/errors';
import type { FieldError } from '../../components/ErrorSummary';

/**
 * The team server's fields, shared by "Publish to a team server" and "Join a team": checked before the call (the
 * contract checks them again), and a refusal from the backend put against the field it is about.
 */
export function checkServerFields(server: string, schema: string): FieldError[] {
  const found: FieldError[] = [];
  if (!server.trim())
    found.push({ field: 'team-server', message: 'Enter the team server, as postgres://host/database' });
  else if (!/^postgres(ql)?:\/\//.test(server.trim()))
    found.push({ field: 'team-server', message: 'Give the team server as postgres://host/database' });
  if (schema.trim() && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema.trim()))
    found.push({
      field: 'team-schema',
      message: 'Use lower-case letters, digits and _ for the team’s name on the server',
    });
  return found;
}

/**
 * A refusal put against its field: the contract's field (the questions chosen, for a slice); a file in the way (the
 * path); no team, or a team already there (the name on the server); anything else (cannot connect, not let in) is
 * about the server.
 */
export function fieldOf(e: AppErrorShape, fields: { path?: string; questions?: string } = {}): string | undefined {
  const named = e.details?.['field'];
  if (typeof named === 'string' && named.startsWith('questionIds') && fields.questions) return fields.questions;
  if (named === 'server') return 'team-server';
  if (named === 'schema') return 'team-schema';
  if (named === 'path' || (e.code === 'exists' && fields.path)) return fields.path;
  if (e.code === 'not-found' || e.code === 'exists') return 'team-schema';
  return 'team-server';
}
