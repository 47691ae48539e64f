import { useApp } from '../../app/store';
import { PageHeading } from '../../components/PageHeading';
import { plural, whenText } from '../shared/format';
import { TitleField } from './TitleField';
import { chooseSavePath } from '../shared/useFileFlows';
import { call } from '../../lib/api';
import { useEffect, useState } from 'react';
import type { ConsultationOverview } from '#shared/domain/overview';
import type { WorkspaceTab } from '../../app/routes';
import { SummaryList } from '../../components/SummaryList';
import { classes } from '../../components/classes';

type Status = 'Not started' | 'In progress' | 'Completed' | 'Cannot start yet' | 'Needs attention';

interface Task {
  name: string;
  hint: string;
  tab: WorkspaceTab;
  status: Status;
}

function StatusTag({ status }: { status: Status }) {
  if (status === 'Completed') return <>{status}</>;
  const colour =
    status === 'In progress'
      ? 'govuk-tag--light-blue'
      : status === 'Not started'
        ? 'govuk-tag--blue'
        : status === 'Needs attention'
          ? 'govuk-tag--red'
          : 'govuk-tag--grey';
  return <strong className={`govuk-tag ${colour}`}>{status}</strong>;
}

/** The workspace home: where the consultation stands, as a GOV.UK task list, and its details. */
export function OverviewPage() {
  const ws = useApp((s) => s.workspace);
  const info = useApp((s) => s.info);
  const durability = useApp((s) => s.durability);
  const navigate = useApp((s) => s.navigate);
  const saveAs = useApp((s) => s.saveAs);
  const setBanner = useApp((s) => s.setBanner);
  const [overview, setOverview] = useState<ConsultationOverview | null>(null);
  useEffect(() => {
    void call('workspace.overview', {}).then((r) => r.ok && setOverview(r.value));
  }, [ws?.updatedAt, ws?.title]);
  if (!ws) return null;
  const o = overview;
  const now = Date.now();
  const closes = o?.dates.closesAt ? Date.parse(o.dates.closesAt) : null;
  const due = o?.dates.responseDue ? Date.parse(`${o.dates.responseDue}T12:00:00Z`) : null;
  const days = (t: number) => Math.ceil((t - now) / 86_400_000);
  const hasQuestions = (o?.draft.questions ?? ws.questions) > 0;
  const hasResponses = (o?.responses.count ?? ws.responses) > 0;
  const exported = new Set(o?.outputs.exportedKinds ?? []);
  const draftStatus: Status = !o
    ? 'Not started'
    : o.draft.questions > 0 && o.draft.sectionsWritten === o.draft.sections
      ? 'Completed'
      : o.draft.questions > 0 || o.draft.sectionsWritten > 0
        ? 'In progress'
        : 'Not started';
  const checkStatus: Status = !hasQuestions
    ? 'Cannot start yet'
    : (o?.checker.errors ?? 0) > 0
      ? 'Needs attention'
      : 'Completed';
  const outputsStatus: Status = !hasQuestions
    ? 'Cannot start yet'
    : exported.has('consultation-docx') && (exported.has('response-form-docx') || exported.has('response-form-xlsx'))
      ? 'Completed'
      : exported.size
        ? 'In progress'
        : 'Not started';
  const published = ['government-response-docx', 'analysis-xlsx', 'briefing-docx'].filter((k) =>
    exported.has(k),
  ).length;
  const tasks: Task[] = [
    {
      name: 'Draft the consultation',
      hint: 'Sections, questions and the about-this-consultation details',
      tab: 'draft',
      status: draftStatus,
    },
    {
      name: 'Check against the consultation standard',
      hint: o
        ? `${o.checker.errors} errors, ${o.checker.warnings} warnings to fix or justify`
        : 'Findings to fix or justify',
      tab: 'draft',
      status: checkStatus,
    },
    {
      name: 'Produce the outputs',
      hint: 'Consultation document, response forms, HTML version',
      tab: 'outputs',
      status: outputsStatus,
    },
    {
      name: 'Collect responses',
      hint:
        (closes === null ? 'Imports by channel' : closes > now ? `Open: closes in ${days(closes)} days` : 'Closed') +
        (o?.responses.count
          ? `. ${plural(o.responses.count, 'response')} from ${plural(o.responses.batches, 'import')}`
          : ''),
      tab: 'responses',
      status: hasResponses ? (closes !== null && closes < now ? 'Completed' : 'In progress') : 'Not started',
    },
    {
      name: 'Analyse',
      hint: 'Tallies, coding, campaigns, agreement',
      tab: 'analysis',
      status: hasResponses ? 'Not started' : 'Cannot start yet',
    },
    {
      name: 'Respond',
      hint:
        due === null
          ? 'The government response, drafted per question'
          : due > now
            ? `Government response due in ${days(due)} days`
            : `The government response was due ${-days(due)} days ago`,
      tab: 'analysis',
      status: hasResponses ? (due !== null && due < now ? 'Needs attention' : 'Not started') : 'Cannot start yet',
    },
    {
      name: 'Publish',
      hint: 'Government response, analysis workbook, briefing',
      tab: 'outputs',
      status: !hasResponses
        ? 'Cannot start yet'
        : published === 3
          ? 'Completed'
          : published
            ? 'In progress'
            : 'Not started',
    },
  ];

  async function saveCopy() {
    if (!info?.nativeDialogs) {
      navigate({ page: 'save-as' });
      return;
    }
    const picked = await chooseSavePath(
      ws!.path.replace(/\.consult$/i, '-copy.consult'),
      'Save a copy of the workspace',
    );
    if (!picked) return;
    const r = await saveAs(picked);
    if (!r.ok) setBanner({ kind: 'important', text: r.error.message });
  }

  return (
    <>
      <PageHeading caption="Consultation">{ws.title}</PageHeading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Where this consultation stands</h2>
          <ul className="govuk-task-list">
            {tasks.map((t, i) => (
              <li
                key={t.name}
                className={classes(
                  'govuk-task-list__item',
                  t.status !== 'Cannot start yet' && 'govuk-task-list__item--with-link',
                )}
              >
                <div className="govuk-task-list__name-and-hint">
                  {t.status === 'Cannot start yet' ? (
                    <div>{t.name}</div>
                  ) : (
                    <a
                      className="govuk-link govuk-task-list__link"
                      href={`#/workspace/${t.tab}`}
                      aria-describedby={`task-${i}-hint task-${i}-status`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ page: 'workspace', tab: t.tab });
                      }}
                    >
                      {t.name}
                    </a>
                  )}
                  <div id={`task-${i}-hint`} className="govuk-task-list__hint">
                    {t.hint}
                  </div>
                </div>
                <div className="govuk-task-list__status" id={`task-${i}-status`}>
                  <StatusTag status={t.status} />
                </div>
              </li>
            ))}
          </ul>
        </div>
        <div className="govuk-grid-column-one-third">
          <h2 className="govuk-heading-m">Details</h2>
          <TitleField />
          <SummaryList
            noBorder
            className="app-details-list"
            rows={[
              { key: 'File', value: ws.path, valueClassName: 'app-path' },
              { key: 'Created', value: whenText(ws.createdAt) },
              {
                key: 'Last saved',
                value: whenText(durability?.lastChangeAt ?? durability?.lastSnapshotAt ?? ws.updatedAt),
              },
              { key: 'Questions', value: (o?.draft.questions ?? ws.questions).toLocaleString('en-GB') },
              { key: 'Responses', value: (o?.responses.count ?? ws.responses).toLocaleString('en-GB') },
            ]}
          />
          <div className="govuk-button-group">
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void saveCopy()}>
              Save a copy as…
            </button>
            {info?.shell === 'electron' ? (
              <button
                type="button"
                className="app-link-button"
                onClick={() => void call('shell.showItemInFolder', { path: ws.path })}
              >
                Show in folder
              </button>
            ) : null}
          </div>
        </div>
      </div>
    </>
  );
}
