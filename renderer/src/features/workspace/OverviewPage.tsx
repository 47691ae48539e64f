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

/** The latest of several times (ISO strings sort as times). */
function latest(...times: Array<string | null | undefined>): string {
  return (
    times
      .filter((t): t is string => !!t)
      .sort()
      .at(-1) ?? ''
  );
}

/** Collect responses: before the opening date, while open, after the close. */
function collectTask(
  o: ConsultationOverview | null,
  now: number,
  hasResponses: boolean,
): { hint: string; status: Status } {
  const opens = o?.dates.opensAt ? Date.parse(o.dates.opensAt) : null;
  const closes = o?.dates.closesAt ? Date.parse(o.dates.closesAt) : null;
  const days = (t: number) => Math.ceil((t - now) / 86_400_000);
  const received = o?.responses.count
    ? `. ${plural(o.responses.count, 'response')} from ${plural(o.responses.batches, 'import')}`
    : '';
  if (opens !== null && opens > now)
    return {
      hint: `Opens ${whenText(o!.dates.opensAt!)}, in ${plural(days(opens), 'day')}${received}`,
      status: hasResponses ? 'In progress' : 'Not started',
    };
  if (closes !== null && closes > now)
    return {
      hint: `Open: closes in ${plural(days(closes), 'day')}${received}`,
      status: hasResponses ? 'In progress' : 'Not started',
    };
  if (closes !== null)
    return {
      hint: `Closed ${whenText(o!.dates.closesAt!)}${received}`,
      status: hasResponses ? 'Completed' : 'Needs attention',
    };
  return { hint: `Imports by channel${received}`, status: hasResponses ? 'In progress' : 'Not started' };
}

/** The workspace home: where the consultation stands, as a GOV.UK task list, and its details. */
export function OverviewPage() {
  const ws = useApp((s) => s.workspace);
  const info = useApp((s) => s.info);
  const durability = useApp((s) => s.durability);
  const lastSavedAt = useApp((s) => s.lastSavedAt);
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
  // The documents can be made at any time (a draft with no questions yet still makes a document).
  const outputsStatus: Status =
    exported.has('consultation-docx') && (exported.has('response-form-docx') || exported.has('response-form-xlsx'))
      ? 'Completed'
      : exported.size
        ? 'In progress'
        : 'Not started';
  const collect = collectTask(o, now, hasResponses);
  const a = o?.analysis;
  const codedShare = a && a.openAnswers ? a.coded / a.openAnswers : 1;
  const reviews = a ? a.campaignsToReview + a.duplicatesToResolve : 0;
  const analysed = !!a && codedShare + 1e-9 >= a.minCodedShare && reviews === 0;
  const analyseStatus: Status = !hasResponses
    ? 'Cannot start yet'
    : analysed
      ? 'Completed'
      : a && (a.coded > 0 || codedShare >= a.minCodedShare)
        ? 'In progress'
        : 'Not started';
  const analyseHint = !a
    ? 'Tallies, coding, campaigns, agreement'
    : [
        a.openAnswers
          ? `${a.coded.toLocaleString('en-GB')} of ${plural(a.openAnswers, 'open answer')} coded ` +
            `(${Math.floor(codedShare * 100)}%)`
          : 'No open answers to code',
        a.campaignsToReview ? plural(a.campaignsToReview, 'campaign') + ' to check' : '',
        a.duplicatesToResolve ? plural(a.duplicatesToResolve, 'group') + ' of possible duplicates' : '',
      ]
        .filter(Boolean)
        .join('; ');
  const written = a?.responsesWritten ?? 0;
  const needed = a?.responsesNeeded ?? 0;
  const respondDone = needed > 0 && written === needed;
  const overdue = due !== null && due < now;
  const respondStatus: Status = !hasResponses
    ? 'Cannot start yet'
    : respondDone
      ? 'Completed'
      : overdue
        ? 'Needs attention'
        : written
          ? 'In progress'
          : 'Not started';
  const dueText =
    due === null ? '' : due > now ? `due in ${plural(days(due), 'day')}` : `was due ${plural(-days(due), 'day')} ago`;
  const respondHint =
    (needed
      ? `${written} of ${plural(needed, 'question')} answered in the government response`
      : 'The government response') + (dueText && !respondDone ? `; ${dueText}` : '');
  const publishedKinds = new Set(o?.outputs.publishedKinds ?? []);
  const exportedKinds = new Set(o?.outputs.exportedKinds ?? []);
  const REPORTS = ['government-response-docx', 'analysis-xlsx', 'briefing-docx'];
  const published = REPORTS.filter((k) => publishedKinds.has(k)).length;
  const drafts = REPORTS.filter((k) => exportedKinds.has(k) && !publishedKinds.has(k)).length;
  const publishStatus: Status = !hasResponses
    ? 'Cannot start yet'
    : published === 3
      ? 'Completed'
      : published || drafts
        ? 'In progress'
        : 'Not started';
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
        ? `${plural(o.checker.errors, 'error')}, ${plural(o.checker.warnings, 'warning')} to fix or justify`
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
    { name: 'Collect responses', hint: collect.hint, tab: 'responses', status: collect.status },
    { name: 'Analyse', hint: analyseHint, tab: 'analysis', status: analyseStatus },
    { name: 'Respond', hint: respondHint, tab: 'analysis', status: respondStatus },
    {
      name: 'Publish',
      hint:
        `${published} of 3 published (government response, analysis workbook, briefing)` +
        (drafts ? `; ${drafts} made as drafts while the publication check found problems` : ''),
      tab: 'outputs',
      status: publishStatus,
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
                value: whenText(
                  lastSavedAt ?? latest(durability?.lastChangeAt, durability?.lastSnapshotAt, ws.updatedAt),
                ),
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
