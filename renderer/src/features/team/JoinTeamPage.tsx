import { useState, type FormEvent } from 'react';
import type { ServerQuestion } from '#shared/domain/team';
import { call } from '../../lib/api';
import { useApp } from '../../app/store';
import { PageHeading } from '../../components/PageHeading';
import { FileField } from '../../components/FileField';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import { useJob, isCancelled } from '../shared/useJob';
import { JobProgress } from '../shared/JobProgress';
import { plural } from '../shared/format';
import { checkServerFields, fieldOf } from './team-form';
import { ServerFields } from './ServerFields';
import { useSuggestedPath } from '../shared/useSuggestedPath';
import { SLICE_FIELD, SliceFields } from './SliceFields';
import { sliceQuestionsText } from './words';

/**
 * Join a team (from Home): the team's server and name on it, and where to save this computer's copy (suggested in
 * the usual folder, chosen with Browse, as a new workspace's is); the copy is then opened on its Team page. With
 * some questions ticked (after "Choose questions"), the copy is a slice holding only their answers.
 */
export function JoinTeamPage() {
  const navigate = useApp((s) => s.navigate);
  const [server, setServer] = useState('');
  const [schema, setSchema] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [questions, setQuestions] = useState<ServerQuestion[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [reading, setReading] = useState(false);
  const job = useJob();

  // The questions listed are the team's as the server fields were entered: changing them asks again.
  const changeServer = (change: () => void) => {
    change();
    setQuestions(null);
    setChosen(new Set());
  };
  const questionIds = questions?.filter((q) => chosen.has(q.id)).map((q) => q.id) ?? [];

  async function chooseQuestions() {
    const found = checkServerFields(server, schema);
    setErrors(found);
    if (found.length) return;
    setReading(true);
    const r = await call('team.serverQuestions', {
      server: server.trim(),
      ...(schema.trim() ? { schema: schema.trim() } : {}),
    });
    setReading(false);
    if (!r.ok) return setErrors([{ field: fieldOf(r.error), message: r.error.message }]);
    setChosen(new Set());
    setQuestions(r.value);
  }

  // Suggest a file for the copy, named after the team, until the user types or chooses one.
  const team = schema.trim() && schema.trim() !== 'workbench' ? `${schema.trim().replace(/_/g, ' ')} team` : 'team';
  const { path, setPath } = useSuggestedPath(`${team} workspace`);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = checkServerFields(server, schema);
    if (!path.trim()) found.push({ field: 'join-path', message: 'Enter where to save your copy' });
    setErrors(found);
    if (found.length) return;
    const r = await job.run(
      'team.join',
      {
        server: server.trim(),
        path: path.trim(),
        ...(schema.trim() ? { schema: schema.trim() } : {}),
        ...(questionIds.length ? { questionIds } : {}),
      },
      'Making your copy',
    );
    if (!r.ok) {
      if (!isCancelled(r.error))
        setErrors([
          { field: fieldOf(r.error, { path: 'join-path', questions: SLICE_FIELD }), message: r.error.message },
        ]);
      return;
    }
    const { workspace, sync } = r.value;
    const since = sync.pulled ? `, including ${plural(sync.pulled, 'change')} made since it was published` : '';
    const numbers = new Map(questions?.map((q) => [q.id, q.number]));
    const holding = sync.status.slice ? `, holding ${sliceQuestionsText(sync.status.slice, numbers)} only,` : '';
    useApp.getState().showOpened(workspace, 'team', {
      kind: 'success',
      text:
        `You joined the team. Your copy of “${workspace.title}”${holding} is saved to ${workspace.path}. ` +
        `It has the team’s work so far${since}.`,
    });
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageHeading>Join a team</PageHeading>
        <p className="govuk-body">
          Make your own copy of a consultation your team has published to its server. You work in your copy on this
          computer, even offline, and Sync shares your work with the team.
        </p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <ServerFields
            server={server}
            schema={schema}
            onServer={(v) => changeServer(() => setServer(v))}
            onSchema={(v) => changeServer(() => setSchema(v))}
            errors={errors}
            serverHint="The address your team lead gave you."
          />
          <FileField
            id="join-path"
            label="Where to save your copy"
            hint="Your copy is one file on this computer. Every change is saved to it as you work."
            browse={{ mode: 'save', filterName: 'Consultation workspaces', extensions: ['consult'] }}
            error={errors.find((e) => e.field === 'join-path')?.message}
            value={path}
            onChange={setPath}
          />
          <SliceFields
            questions={questions}
            chosen={chosen}
            onChosen={setChosen}
            onChoose={() => void chooseQuestions()}
            reading={reading}
            disabled={job.busy}
            error={errors.find((e) => e.field === SLICE_FIELD)?.message}
          />
          {job.progress ? <JobProgress progress={job.progress} label="Joining the team" onCancel={job.cancel} /> : null}
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" disabled={job.busy} aria-disabled={job.busy}>
              Join the team
            </button>
            <button type="button" className="app-link-button" onClick={() => navigate({ page: 'home' })}>
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
