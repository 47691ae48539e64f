import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../app/store';
import { call } from '../../lib/api';
import { TextArea } from '../../components/Fields';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import type { DetectionOutcome, ImportOutcome, InspectedFile } from '#shared/domain/responses/store';
import { useResponses } from './responses-store';
import { useJob } from '../shared/useJob';
import { JobProgress } from '../shared/JobProgress';
import { SurveyStep } from './SurveyStep';
import { EmailStep } from './EmailStep';
import { plural } from './labels';
import { whenText } from '../shared/format';
import { Table, Row, Cell } from '../../components/Table';
import { FileChooser } from '../../components/FileChooser';
import { workspaceFolder } from '../analysis/PathField';

const EXTENSIONS = ['csv', 'tsv', 'txt', 'xlsx', 'xls', 'ods', 'docx', 'eml', 'msg'];

type Step =
  | { kind: 'choose' }
  | { kind: 'files'; files: InspectedFile[] }
  | { kind: 'survey'; file: InspectedFile }
  | { kind: 'email'; queue: InspectedFile[] }
  | { kind: 'result'; outcome: ImportOutcome };

const TYPE_LABELS: Record<NonNullable<InspectedFile['type']>, string> = {
  survey: 'Survey export',
  'response-form': 'Returned response form',
  email: 'Email',
};

/**
 * The import wizard: choose files (or a folder) → see what each is → a survey export's columns
 * are checked and mapped, returned forms go straight in, emails are read and assigned → import
 * with progress and Cancel → what was imported, then duplicates and campaigns are looked for.
 */
export function ImportWizard() {
  const info = useApp((s) => s.info);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [paths, setPaths] = useState('');
  // The browser host: the app's own chooser, open from the start (typing paths is the fallback).
  const [browsing, setBrowsing] = useState(true);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const job = useJob();

  async function inspect(list: string[]) {
    setErrors([]);
    const r = await call('responses.inspectFiles', { paths: list });
    if (!r.ok) return setErrors([{ field: 'import-paths', message: r.error.message }]);
    setStep({ kind: 'files', files: r.value.files });
  }

  // A consultation started from a survey export opens here with that file already chosen.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const pending = useResponses.getState().takePendingImport();
    if (pending) {
      setPaths(pending.join('\n'));
      void inspect(pending);
    }
  }, []);

  async function choose() {
    if (info?.nativeDialogs) {
      const picked = await call('dialog.openFiles', {
        title: 'Choose the files to import',
        filterName: 'Responses',
        extensions: EXTENSIONS,
        multiple: true,
      });
      if (picked.ok && picked.value) await inspect(picked.value.paths);
      return;
    }
    const list = paths
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    if (!list.length)
      return setErrors([{ field: 'import-paths', message: 'Enter the path of a file or folder to import' }]);
    await inspect(list);
  }

  async function importFiles(files: InspectedFile[]) {
    setErrors([]);
    const r = await job.run('responses.import', { paths: files.map((f) => f.path) }, 'Importing');
    if (!r.ok) return setErrors([{ message: r.error.message }]);
    done(r.value);
  }

  function done(outcome: ImportOutcome) {
    setStep({ kind: 'result', outcome });
    useResponses.getState().changed();
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      {step.kind === 'choose' ? (
        <section aria-labelledby="import-choose">
          <h2 className="govuk-heading-m" id="import-choose">
            Choose what to import
          </h2>
          <p className="govuk-body">
            Survey exports (CSV, Excel, OpenDocument), returned response forms (Word or Excel, many at once or a folder
            of them) and emails (.eml or Outlook .msg). Letters are typed in with “Add a letter”.
          </p>
          {info?.nativeDialogs ? (
            <button type="button" className="govuk-button" onClick={() => void choose()}>
              Choose files
            </button>
          ) : (
            <>
              {browsing ? (
                <FileChooser
                  mode="open-many"
                  filterName="Survey exports, response forms and emails"
                  extensions={EXTENSIONS}
                  initialPath={workspaceFolder()}
                  onChoose={(chosen) => void inspect(chosen)}
                  onCancel={() => setBrowsing(false)}
                />
              ) : (
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  onClick={() => setBrowsing(true)}
                >
                  Browse for files
                </button>
              )}
              <details className="govuk-details" open={errors.some((e) => e.field === 'import-paths') || undefined}>
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">Type the paths instead</span>
                </summary>
                <div className="govuk-details__text">
                  <TextArea
                    id="import-paths"
                    label="Files or folder to import"
                    hint="The full path of each file, one on each line, or of a folder of returned forms or emails."
                    rows={3}
                    value={paths}
                    onChange={(e) => setPaths(e.target.value)}
                    error={errors.find((e) => e.field === 'import-paths')?.message ?? null}
                    spellCheck={false}
                  />
                  <button type="button" className="govuk-button" onClick={() => void choose()}>
                    Continue
                  </button>
                </div>
              </details>
            </>
          )}
        </section>
      ) : null}

      {step.kind === 'files' ? (
        <FilesStep
          files={step.files}
          busy={job.busy}
          onSurvey={(file) => setStep({ kind: 'survey', file })}
          onForms={(files) => void importFiles(files)}
          onEmails={(queue) => setStep({ kind: 'email', queue })}
          onBack={() => setStep({ kind: 'choose' })}
        />
      ) : null}
      {step.kind === 'files' && job.progress ? (
        <JobProgress progress={job.progress} label="Importing the forms" onCancel={job.cancel} />
      ) : null}

      {step.kind === 'survey' ? (
        <SurveyStep file={step.file} onImported={done} onBack={() => setStep({ kind: 'choose' })} />
      ) : null}

      {step.kind === 'email' ? (
        <EmailStep
          key={step.queue[0]!.path}
          file={step.queue[0]!}
          remaining={step.queue.length - 1}
          onImported={(outcome) => {
            useResponses.getState().changed();
            if (step.queue.length > 1) setStep({ kind: 'email', queue: step.queue.slice(1) });
            else done(outcome);
          }}
          onSkip={() =>
            step.queue.length > 1 ? setStep({ kind: 'email', queue: step.queue.slice(1) }) : setStep({ kind: 'choose' })
          }
        />
      ) : null}

      {step.kind === 'result' ? <ResultStep outcome={step.outcome} onMore={() => setStep({ kind: 'choose' })} /> : null}
    </>
  );
}

function FilesStep({
  files,
  busy,
  onSurvey,
  onForms,
  onEmails,
  onBack,
}: {
  files: InspectedFile[];
  busy: boolean;
  onSurvey: (f: InspectedFile) => void;
  onForms: (f: InspectedFile[]) => void;
  onEmails: (f: InspectedFile[]) => void;
  onBack: () => void;
}) {
  const fresh = files.filter((f) => f.type && !f.alreadyImported);
  const surveys = fresh.filter((f) => f.type === 'survey');
  const forms = fresh.filter((f) => f.type === 'response-form');
  const emails = fresh.filter((f) => f.type === 'email');
  return (
    <section aria-labelledby="import-files">
      <h2 className="govuk-heading-m" id="import-files">
        What you chose
      </h2>
      <Table caption={plural(files.length, 'file')} columns={[{ label: 'File' }, { label: 'What it is' }]}>
        {files.map((f) => (
          <Row key={f.path}>
            <Cell>
              <span className="app-break">{f.name}</span>
              <br />
              <span className="govuk-body-s">{Math.max(1, Math.round(f.bytes / 1024)).toLocaleString('en-GB')}KB</span>
            </Cell>
            <Cell>
              {f.alreadyImported ? (
                <>
                  <strong className="govuk-tag govuk-tag--yellow">Already imported</strong> on{' '}
                  {whenText(f.alreadyImported.at)}. Undo that import first to import it again.
                </>
              ) : f.type ? (
                TYPE_LABELS[f.type]
              ) : (
                <>
                  <strong className="govuk-tag govuk-tag--red">Cannot be imported</strong> {f.problem}
                </>
              )}
            </Cell>
          </Row>
        ))}
      </Table>
      {surveys.length > 1 ? (
        <p className="govuk-body">
          Survey exports are checked one at a time: choose “Check the columns” for each in turn.
        </p>
      ) : null}
      <div className="govuk-button-group">
        {surveys.map((f) => (
          <button key={f.path} type="button" className="govuk-button" onClick={() => onSurvey(f)} disabled={busy}>
            Check the columns<span className="govuk-visually-hidden"> of {f.name}</span>
            {surveys.length > 1 ? ` of ${f.name}` : ''}
          </button>
        ))}
        {forms.length ? (
          <button type="button" className="govuk-button" onClick={() => onForms(forms)} disabled={busy}>
            Import {plural(forms.length, 'response form')}
          </button>
        ) : null}
        {emails.length ? (
          <button type="button" className="govuk-button" onClick={() => onEmails(emails)} disabled={busy}>
            Read {emails.length === 1 ? 'the email' : `the ${emails.length} emails`}
          </button>
        ) : null}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onBack} disabled={busy}>
          Choose other files
        </button>
      </div>
    </section>
  );
}

function ResultStep({ outcome, onMore }: { outcome: ImportOutcome; onMore: () => void }) {
  const [detection, setDetection] = useState<DetectionOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJob();
  const { run } = job;
  const started = useRef(false);
  const go = useResponses.getState().setView;

  // After an import, duplicates and campaigns are looked for across the whole workspace.
  useEffect(() => {
    if (started.current || outcome.imported === 0) return;
    started.current = true;
    void run('responses.detect', {}, 'Looking for duplicates and campaigns').then((r) => {
      if (r.ok) {
        setDetection(r.value);
        useResponses.getState().changed();
      } else if (r.error.code !== 'cancelled') setError(r.error.message);
    });
  }, [outcome, run]);

  return (
    <section aria-labelledby="import-result">
      <div className="govuk-panel govuk-panel--confirmation app-panel">
        <h2 className="govuk-panel__title" id="import-result">
          {plural(outcome.imported, 'response')} imported
        </h2>
        <div className="govuk-panel__body">{outcome.batches.map((b) => b.sourceName).join(', ')}</div>
      </div>
      <ul className="govuk-list govuk-list--bullet">
        {outcome.rejected.length ? (
          <li>
            {plural(outcome.rejected.length, 'row')} could not be read and{' '}
            {outcome.rejected.length === 1 ? 'is' : 'are'} waiting in{' '}
            <button type="button" className="app-link-button" onClick={() => go('review')}>
              rows to review
            </button>
          </li>
        ) : (
          <li>No rows were rejected.</li>
        )}
        {outcome.blankRows ? <li>{plural(outcome.blankRows, 'blank row')} skipped.</li> : null}
        {outcome.unmatchedValues ? (
          <li>
            {plural(outcome.unmatchedValues, 'answer')} did not match an option; they are kept and flagged on each
            response.
          </li>
        ) : null}
        {outcome.createdQuestions.length ? (
          <li>{plural(outcome.createdQuestions.length, 'question')} created from the file’s columns.</li>
        ) : null}
        {outcome.skipped.map((s) => (
          <li key={s.file}>
            <strong>{s.file}</strong> was not imported: {s.reason}
          </li>
        ))}
        {outcome.warnings.slice(0, 10).map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
      {job.progress ? (
        <JobProgress progress={job.progress} label="Looking for duplicates and campaigns" onCancel={job.cancel} />
      ) : null}
      {error ? (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {detection ? (
        <div className="govuk-inset-text" role="status">
          Duplicates:{' '}
          {detection.duplicateGroups ? `${plural(detection.duplicateGroups, 'group')} to resolve` : 'none found'}.
          Campaigns:{' '}
          {detection.campaigns.length
            ? `${plural(detection.campaigns.length, 'campaign')} (${plural(
                detection.campaigns.reduce((s, c) => s + c.size, 0),
                'respondent',
              )})`
            : 'none found'}
          .
        </div>
      ) : null}
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" onClick={() => go('browse')}>
          Browse the responses
        </button>
        {detection?.campaigns.length ? (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => go('campaigns')}>
            Check the campaigns
          </button>
        ) : null}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onMore}>
          Import more
        </button>
      </div>
    </section>
  );
}
