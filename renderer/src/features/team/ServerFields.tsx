import type { FieldError } from '../../components/ErrorSummary';
import { TextField } from '../../components/TextField';

/**
 * The team server's address and the team's name on it, with where the password comes from: the fields "Publish to
 * a team server" and "Join a team" share (ids team-server and team-schema, which team-form.ts's errors point at).
 */
interface Props {
  server: string;
  schema: string;
  onServer: (value: string) => void;
  onSchema: (value: string) => void;
  errors: FieldError[];
  /** Said before the example address ("The address your team lead gave you."). */
  serverHint?: string;
}

export function ServerFields({ server, schema, onServer, onSchema, errors, serverHint }: Props) {
  const err = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <>
      <TextField
        id="team-server"
        label="Server address"
        hint={`${serverHint ? `${serverHint} ` : ''}For example, postgres://db.example.gov.uk/consultations`}
        error={err('team-server')}
        value={server}
        onChange={(e) => onServer(e.target.value)}
        mono
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        id="team-schema"
        label="Name on the server (optional)"
        hint="The team’s name in that database: lower-case letters, digits and _. Leave it empty to use workbench."
        error={err('team-schema')}
        value={schema}
        onChange={(e) => onSchema(e.target.value)}
        widthClass="govuk-input--width-20"
        autoComplete="off"
        spellCheck={false}
      />
      <div className="govuk-inset-text">
        Your password is not asked for here: it comes from this computer’s PostgreSQL settings (a .pgpass file or the
        PGPASSWORD variable) and is never saved in the workspace.
      </div>
    </>
  );
}
