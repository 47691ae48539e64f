import './team.scss';
import { useEffect, useState, type FormEvent } from 'react';
import type { ConflictView, TeamStatus } from '#shared/domain/team';
import { questionNumbers } from '#shared/domain/draft/model';
import { call } from '../../lib/api';
import { useApp } from '../../app/store';
import { PageHeading } from '../../components/PageHeading';
import { SummaryList } from '../../components/SummaryList';
import { ErrorAlert } from '../../components/Fields';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import { Table, Row, Cell, RowHeader } from '../../components/Table';
import { useJob, isCancelled } from '../shared/useJob';
import { JobProgress } from '../shared/JobProgress';
import { plural, whenText } from '../shared/format';
import { useTeam } from './team-store';
import { ConflictCard } from './ConflictCard';
import { checkServerFields, fieldOf } from './team-form';
import { ServerFields } from './ServerFields';
import { holdsText, resolvedText, roleText, syncReportText } from './words';

/**
 * The Team page: a workspace that is not a team copy can be published to the department's PostgreSQL; a team copy
 * shows its server and what is waiting, Sync now, and the conflicts met with colleagues' changes, to settle.
 */
export function TeamPage() {
  const workspace = useApp((s) => s.workspace);
  const status = useTeam((s) => s.status);
  const error = useTeam((s) => s.error);
  useEffect(() => {
    void useTeam.getState().load();
  }, []);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full app-team">
        <PageHeading caption={workspace?.title}>Team</PageHeading>
        <ErrorAlert message={error} />
        {status === undefined ? (
          <p className="govuk-body">Loading…</p>
        ) : status ? (
          <TeamCopy status={status} />
        ) : (
          <Publish />
        )}
      </div>
    </div>
  );
}

function Publish() {
  const title = useApp((s) => s.workspace?.title ?? '');
  const [server, setServer] = useState('');
  const [schema, setSchema] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const job = useJob();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = checkServerFields(server, schema);
    setErrors(found);
    if (found.length) return;
    const r = await job.run(
      'team.init',
      { server: server.trim(), ...(schema.trim() ? { schema: schema.trim() } : {}) },
      'Publishing to the team server',
    );
    if (!r.ok) {
      if (!isCancelled(r.error)) setErrors([{ field: fieldOf(r.error), message: r.error.message }]);
      return;
    }
    await useTeam.getState().synced(r.value);
    useApp.getState().setBanner({
      kind: 'success',
      text:
        `Published “${title}” to the team server. Colleagues can join it from the Home screen with the server ` +
        `address and the name on the server, ${r.value.schema}.`,
    });
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      <p className="govuk-body">
        A team works on one consultation from several computers: each analyst works in their own copy, even offline, and
        Sync shares everyone’s work through a PostgreSQL database your department runs. Publish this workspace to a team
        server to make it the team’s consultation; colleagues then join it from the Home screen.
      </p>
      <h2 className="govuk-heading-m">Publish to a team server</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ServerFields server={server} schema={schema} onServer={setServer} onSchema={setSchema} errors={errors} />
        {job.progress ? (
          <JobProgress progress={job.progress} label="Publishing to the team server" onCancel={job.cancel} />
        ) : null}
        <button type="submit" className="govuk-button" disabled={job.busy} aria-disabled={job.busy}>
          Publish to a team server
        </button>
      </form>
    </>
  );
}

/**
 * What the copy holds: the whole consultation, or a slice's questions by their numbers in this copy's draft (by their
 * ids if it cannot be read); '' while it is read.
 */
function useHolds(slice: string[] | null): string {
  const key = slice?.join('\n') ?? null;
  const [numbers, setNumbers] = useState<{ key: string; map: Map<string, string> } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    void call('draft.get', {}).then((r) => {
      if (live) setNumbers({ key, map: r.ok ? questionNumbers(r.value.draft) : new Map<string, string>() });
    });
    return () => {
      live = false;
    };
  }, [key]);
  if (!slice) return holdsText(null, new Map<string, string>());
  return numbers?.key === key ? holdsText(slice, numbers.map) : '';
}

function TeamCopy({ status }: { status: TeamStatus }) {
  const conflicts = useTeam((s) => s.conflicts);
  const holds = useHolds(status.slice);
  const job = useJob();
  const [running, setRunning] = useState<'sync' | number | null>(null);
  const [error, setError] = useState<{ at: 'sync' | number; message: string } | null>(null);
  const open = conflicts.filter((c) => !c.resolvedAt);
  const settled = conflicts.filter((c) => c.resolvedAt);

  async function sync() {
    setError(null);
    setRunning('sync');
    useApp.getState().setBanner(null);
    const r = await job.run('team.sync', {}, 'Syncing with the team server');
    setRunning(null);
    if (!r.ok) {
      if (!isCancelled(r.error)) setError({ at: 'sync', message: r.error.message });
      return;
    }
    await useTeam.getState().synced(r.value);
    useApp.getState().setBanner({ kind: 'success', text: syncReportText(r.value) });
  }

  async function keep(c: ConflictView, index: number) {
    setError(null);
    setRunning(c.id);
    useApp.getState().setBanner(null);
    const r = await job.run('team.resolveConflict', { id: c.id, keep: index }, 'Settling the conflict');
    setRunning(null);
    if (!r.ok) {
      if (!isCancelled(r.error)) setError({ at: c.id, message: r.error.message });
      void useTeam.getState().load();
      return;
    }
    await useTeam.getState().synced(r.value);
    useApp.getState().setBanner({ kind: 'success', text: resolvedText(c, index, r.value) });
  }

  return (
    <>
      <p className="govuk-body">
        This workspace is your copy of the team’s consultation. Work in it as usual, even offline; Sync sends your
        changes to the team server and brings in your colleagues’.
      </p>
      <SummaryList
        className="app-team-summary"
        rows={[
          { key: 'Server', value: <span className="app-path">{status.server}</span> },
          { key: 'Name on the server', value: status.schema },
          { key: 'Holds', value: holds },
          { key: 'Your role', value: roleText(status.role) },
          { key: 'Last synced', value: status.lastSyncAt ? whenText(status.lastSyncAt) : 'Not yet' },
          {
            key: 'Changes not yet sent',
            value: status.pending ? plural(status.pending, 'change') : 'None',
          },
        ]}
      />
      {job.progress && running === 'sync' ? (
        <JobProgress progress={job.progress} label="Syncing with the team server" onCancel={job.cancel} />
      ) : null}
      {error?.at === 'sync' ? <ErrorAlert message={error.message} /> : null}
      <button
        type="button"
        className="govuk-button"
        onClick={() => void sync()}
        disabled={job.busy}
        aria-disabled={job.busy}
      >
        Sync now
      </button>

      <h2 className="govuk-heading-m" id="conflicts-heading">
        Conflicts
      </h2>
      {open.length === 0 ? (
        <p className="govuk-body">
          There are no conflicts to settle. A conflict appears here when you and a colleague change the same thing
          before either of you has synced.
        </p>
      ) : (
        <>
          <p className="govuk-body">
            {open.length === 1 ? 'You and a colleague' : 'You and your colleagues'} changed the same thing before
            syncing. Keeping a version settles the conflict for the whole team.
          </p>
          {open.map((c) => (
            <ConflictCard
              key={c.id}
              conflict={c}
              busy={job.busy}
              progress={running === c.id ? job.progress : null}
              onCancel={job.cancel}
              error={error?.at === c.id ? error.message : null}
              onKeep={(i) => void keep(c, i)}
            />
          ))}
        </>
      )}
      {settled.length ? (
        <Table
          caption="Settled conflicts"
          captionSize="m"
          columns={[{ label: 'Conflict' }, { label: 'What was kept' }, { label: 'Settled by' }, { label: 'When' }]}
        >
          {settled.map((c) => (
            <Row key={c.id}>
              <RowHeader>{c.subject}</RowHeader>
              <Cell>{c.resolution ?? ''}</Cell>
              <Cell>{c.resolvedBy ?? 'a colleague'}</Cell>
              <Cell>{whenText(c.resolvedAt)}</Cell>
            </Row>
          ))}
        </Table>
      ) : null}
    </>
  );
}
