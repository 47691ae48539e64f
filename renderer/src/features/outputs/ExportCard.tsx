import { useEffect, useState } from 'react';
import { useApp } from '../../app/store';
import { call } from '../../lib/api';
import type { ExportKindInfo, ExportLogEntry, ExportResult, PublicationCheckItem } from '#shared/domain/exports';
import { ErrorSummary } from '../../components/ErrorSummary';
import { goToPublicationFinding } from './publication-nav';
import { FileField } from '../../components/FileField';
import { CheckboxField, RadiosField } from '../../components/Fields';
import { whenText } from '../shared/format';
import { useDraftFindingsSummary } from './useDraftFindings';
import { useJob } from '../shared/useJob';
import { JobProgress } from '../shared/JobProgress';
import { canMarkDraft } from '#shared/report/publication-check';

/** An export kind as the Outputs page lists it: where it would be saved and when it was last made. */
export type OutputEntry = ExportKindInfo & { suggestedPath: string; lastExport: ExportLogEntry | null };

/** One output: what it is, where to save it, progress while it is made, and where it went. */
export function ExportCard({ entry, onDone }: { entry: OutputEntry; onDone: (r: ExportResult) => void }) {
  const info = useApp((s) => s.info);
  const [path, setPath] = useState(entry.suggestedPath);
  const [redaction, setRedaction] = useState<'none' | 'redacted'>('redacted');
  const [anyway, setAnyway] = useState(false);
  const job = useJob();
  const [result, setResult] = useState<ExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A refused publication lists each problem: a quote that may not be published, or what the publication check found.
  const [problems, setProblems] = useState<string[]>([]);
  // The publication check refused it: the team may publish it anyway, marked "Draft" on every page.
  const [unfinished, setUnfinished] = useState(false);
  const [allowUnfinished, setAllowUnfinished] = useState(false);
  // What the publication check refused it for: shown at the top of the card, each with a link to fix it.
  const [refusal, setRefusal] = useState<PublicationCheckItem[]>([]);
  // A file already at the path: the official says to replace it (here, or in the chooser) before it is written over.
  const [confirmedPath, setConfirmedPath] = useState<string | null>(null);
  const [replacing, setReplacing] = useState<string | null>(null);
  const findings = useDraftFindingsSummary(entry.checksDraft);
  const id = `export-${entry.kind}`;

  useEffect(() => setPath(entry.suggestedPath), [entry.suggestedPath]);

  async function run(target: string) {
    setError(null);
    setProblems([]);
    setRefusal([]);
    setResult(null);
    const options = {
      ...(entry.holdsResponses ? { redaction } : {}),
      ...(anyway ? { exportAnyway: true } : {}),
      ...(allowUnfinished && redaction === 'redacted' ? { allowUnfinished: true } : {}),
    };
    const r = await job.run('outputs.export', { kind: entry.kind, path: target, ...options }, 'Starting');
    if (!r.ok) {
      const details = r.error.details as { problems?: unknown; publicationCheck?: PublicationCheckItem[] } | undefined;
      if (Array.isArray(details?.publicationCheck)) {
        setUnfinished(true);
        return setRefusal(details.publicationCheck.filter((f) => f.severity === 'error'));
      }
      const list = details?.problems;
      const named = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
      setProblems(named);
      return setError(named.length ? r.error.message.split('\n')[0]! : r.error.message);
    }
    setResult(r.value);
    onDone(r.value);
  }

  async function start() {
    if (findings.errors > 0 && !anyway)
      return setError(
        `The standard checker reports ${findings.errors} error${findings.errors === 1 ? '' : 's'} in the draft. ` +
          `Fix ${findings.errors === 1 ? 'it' : 'them'} on the Draft page, or tick “Export anyway”.`,
      );
    if (info?.nativeDialogs) {
      const picked = await call('dialog.saveFile', {
        defaultPath: path,
        title: `Save the ${entry.title.toLowerCase()}`,
        filterName: entry.title,
        extensions: [entry.extension.slice(1)],
      });
      if (!picked.ok || !picked.value) return;
      setPath(picked.value.path);
      return run(picked.value.path);
    }
    const target = path.trim();
    if (target !== confirmedPath) {
      const at = await call('fs.pathKind', { path: target });
      if (at.ok && at.value.kind === 'folder')
        return setError('That is a folder: add the file name to the end of the path, or use Browse.');
      if (at.ok && at.value.kind === 'file') return setReplacing(target);
    }
    return run(target);
  }

  return (
    <section className="app-dialog" aria-labelledby={`${id}-title`}>
      <h3 className="govuk-heading-s" id={`${id}-title`}>
        {entry.title}
      </h3>
      <ErrorSummary
        id={`${id}-refusal`}
        title="Not published: the publication check found problems"
        errors={refusal.map((f) => ({
          message: f.message,
          ...(f.goTo
            ? { action: { label: 'Go to it', onClick: () => goToPublicationFinding(f.goTo!, f.ruleId) } }
            : {}),
        }))}
      />
      <p className="govuk-body">{entry.description}</p>
      {entry.lastExport ? (
        <p className="govuk-body-s">
          Last exported {whenText(entry.lastExport.at)} to <span className="app-path">{entry.lastExport.path}</span>
        </p>
      ) : null}
      {entry.checksDraft && (findings.errors || findings.warnings) ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            The standard checker reports {findings.errors} error{findings.errors === 1 ? '' : 's'} and{' '}
            {findings.warnings} warning{findings.warnings === 1 ? '' : 's'} in the draft.
          </strong>
        </div>
      ) : null}
      {entry.checksDraft && findings.errors ? (
        <CheckboxField
          id={`${id}-anyway`}
          label="Export anyway, with the errors"
          checked={anyway}
          onChange={setAnyway}
        />
      ) : null}
      {entry.holdsResponses ? (
        <RadiosField
          name={`${id}-redaction`}
          legend="Redaction"
          small
          value={redaction}
          onChange={(v) => setRedaction(v as 'none' | 'redacted')}
          options={[
            {
              value: 'redacted',
              label: 'Redacted, for publication',
              hint: 'No personal data, no confidential respondents, small numbers suppressed.',
            },
            {
              value: 'none',
              label: 'Not redacted, for internal use only',
              hint: 'Includes personal data. Do not publish.',
            },
          ]}
        />
      ) : null}
      {!info?.nativeDialogs ? (
        <FileField
          id={`${id}-path`}
          label="Save to"
          value={path}
          onChange={(v) => {
            setPath(v);
            setReplacing(null);
          }}
          onChosen={setConfirmedPath}
          error={error}
          browse={{ mode: 'save', filterName: entry.title, extensions: [entry.extension.slice(1)] }}
        />
      ) : error ? (
        <p className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {problems.length ? (
        <ul className="govuk-list govuk-list--bullet" aria-label="What to resolve before publishing">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {unfinished && entry.holdsResponses && redaction === 'redacted' ? (
        <CheckboxField
          id={`${id}-unfinished`}
          label={
            canMarkDraft(entry.kind)
              ? 'Publish it anyway, marked “Draft” on every page'
              : 'Export it anyway (a CSV cannot be marked “Draft”: do not publish it until the problems are resolved)'
          }
          checked={allowUnfinished}
          onChange={setAllowUnfinished}
        />
      ) : null}
      {replacing ? (
        <div className="govuk-warning-text" role="alert">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            There is already a file at <span className="app-path">{replacing}</span>
            {entry.lastExport?.path === replacing ? ' (the last export)' : ''}. Replace it?
          </strong>
          <div className="govuk-button-group govuk-!-margin-top-2">
            <button
              type="button"
              className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
              onClick={() => {
                setConfirmedPath(replacing);
                setReplacing(null);
                void run(replacing);
              }}
            >
              Replace it
            </button>
            <button
              type="button"
              className="app-link-button"
              onClick={() => {
                setReplacing(null);
                document.getElementById(`${id}-path`)?.focus();
              }}
            >
              Keep it and choose another name
            </button>
          </div>
        </div>
      ) : null}
      {job.progress ? (
        <JobProgress progress={job.progress} label={`Making the ${entry.title}`} onCancel={job.cancel} className="" />
      ) : (
        <button type="button" className="govuk-button govuk-!-margin-bottom-2" onClick={() => void start()}>
          Export {entry.title.replace(/ \(.*\)$/, '').toLowerCase()}
        </button>
      )}
      {result ? (
        <div className="govuk-inset-text" role="status">
          Saved to <span className="app-path">{result.path}</span> ({Math.max(1, Math.round(result.bytes / 1024))}
          KB).{' '}
          <button
            type="button"
            className="app-link-button"
            onClick={() => void call('shell.showItemInFolder', { path: result.path })}
          >
            Open folder
          </button>
          {result.publicationCheck?.some((f) => f.severity === 'error') ? (
            <>
              {canMarkDraft(entry.kind)
                ? ' Published over the problems the publication check found: every page says “Draft”.'
                : ' Exported over the problems the publication check found: do not publish it until they are resolved.'}
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
