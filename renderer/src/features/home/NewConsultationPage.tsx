import { useState, type FormEvent } from 'react';
import { useApp } from '../../app/store';
import { PageHeading } from '../../components/PageHeading';
import { TextField } from '../../components/TextField';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import { TITLE_MAX } from '#shared/domain/workspace';
import { chooseSavePath } from '../shared/useFileFlows';
import { RadiosField } from '../../components/Fields';
import { useResponses } from '../responses/responses-store';
import { FileField } from '../../components/FileField';
import { useSuggestedPath } from '../shared/useSuggestedPath';

/** The file a draft is started from, for the choices that need one. */
const SOURCE = {
  workspace: {
    label: 'Earlier workspace',
    hint: 'The .consult file. It is read, not changed.',
    missing: 'Enter the path of the earlier workspace',
    files: { filterName: 'Consultation workspaces', extensions: ['consult'] },
  },
  json: {
    label: 'Draft file',
    hint: 'The .json file exported from Consultation Workbench.',
    missing: 'Enter the path of the draft file',
    files: { filterName: 'Draft files', extensions: ['json'] },
  },
  survey: {
    label: 'Survey export',
    hint:
      'The export: CSV, Excel (.xlsx, .xls) or OpenDocument (.ods), from Microsoft Forms, ' +
      'SurveyMonkey, Qualtrics, Citizen Space, Decidim or any sheet with one row per response.',
    missing: 'Enter the path of the survey export',
    files: { filterName: 'Survey exports', extensions: ['csv', 'xlsx', 'xls', 'ods', 'tsv', 'txt'] },
  },
} as const;

export function NewConsultationPage() {
  const info = useApp((s) => s.info);
  const createWorkspace = useApp((s) => s.createWorkspace);
  const navigate = useApp((s) => s.navigate);
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [start, setStart] = useState<'standard' | 'example' | 'blank' | 'workspace' | 'json' | 'survey'>('standard');
  const [sourcePath, setSourcePath] = useState('');
  const recent = useApp((s) => s.recent);

  // Suggest a file name from the title (GOV.UK style: lowercase, hyphens) until the user edits the path.
  const { path, setPath } = useSuggestedPath(title || 'consultation');

  const titleError = errors.find((e) => e.field === 'title')?.message;
  const pathError = errors.find((e) => e.field === 'path')?.message;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!title.trim()) found.push({ field: 'title', message: 'Enter a title for the consultation' });
    else if (title.trim().length > TITLE_MAX)
      found.push({ field: 'title', message: `Title must be ${TITLE_MAX} characters or fewer` });
    if (!path.trim()) found.push({ field: 'path', message: 'Enter where to save the workspace' });
    const needsSource = start === 'workspace' || start === 'json' || start === 'survey';
    if (needsSource && !sourcePath.trim()) {
      found.push({ field: 'source-path', message: SOURCE[start].missing });
    }
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    // From a survey export: a blank draft, then the import wizard with the export chosen, where the
    // questions are made from its columns (responses.createQuestions) before the responses go in.
    const from =
      start === 'workspace' || start === 'json'
        ? { kind: start, path: sourcePath.trim() }
        : { kind: 'template' as const, template: start === 'survey' ? ('blank' as const) : start };
    const r = await createWorkspace(path.trim(), title.trim(), from);
    setBusy(false);
    if (!r.ok) {
      const field =
        r.error.details?.['field'] === 'title'
          ? 'title'
          : r.error.code === 'bad-file' || ((start === 'workspace' || start === 'json') && r.error.code === 'not-found')
            ? 'source-path'
            : 'path';
      setErrors([{ field, message: r.error.message }]);
    } else if (start === 'survey') {
      useResponses.getState().importWhenOpened(r.value.path, [sourcePath.trim()]);
      navigate({ page: 'workspace', tab: 'responses' });
    }
  }

  async function choose() {
    const picked = await chooseSavePath(path, 'Save the new consultation workspace');
    if (picked) setPath(picked);
  }

  const remaining = TITLE_MAX - title.trim().length;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageHeading>New consultation</PageHeading>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <TextField
            id="title"
            label="Title of the consultation"
            hint="Use the title it will have on GOV.UK: 65 characters or fewer, no full stop."
            error={titleError}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            autoComplete="off"
            spellCheck
          />
          <p
            className={`govuk-hint govuk-character-count__message${remaining < 0 ? ' govuk-error-message' : ''}`}
            aria-live="polite"
          >
            {remaining >= 0
              ? `You have ${remaining} characters remaining`
              : `You have ${-remaining} characters too many`}
          </p>
          <FileField
            id="path"
            label="Where to save it"
            hint="One consultation is one file. Every change is saved to it as you work."
            browse={{ mode: 'save', filterName: 'Consultation workspaces', extensions: ['consult'] }}
            error={pathError}
            value={path}
            onChange={setPath}
          />
          <RadiosField
            name="start"
            legend="Start from"
            value={start}
            onChange={(v) => setStart(v as typeof start)}
            options={[
              {
                value: 'standard',
                label: 'The standard template (recommended)',
                hint: 'Every section the consultation standard expects, with guidance on what to write.',
              },
              {
                value: 'example',
                label: 'The filled-in example',
                hint: 'A complete example consultation, to see how it all fits together.',
              },
              { value: 'workspace', label: 'A copy of an earlier consultation’s draft' },
              { value: 'json', label: 'A draft file (JSON) exported from Consultation Workbench' },
              {
                value: 'survey',
                label: 'A survey export',
                hint:
                  'For a consultation already run in an online survey tool: the questions are made from ' +
                  'the export’s columns, then its responses are imported.',
              },
              { value: 'blank', label: 'A blank draft' },
            ]}
          />
          {start === 'workspace' || start === 'json' || start === 'survey' ? (
            <>
              <FileField
                id="source-path"
                label={SOURCE[start].label}
                hint={SOURCE[start].hint}
                error={errors.find((e) => e.field === 'source-path')?.message}
                value={sourcePath}
                onChange={setSourcePath}
                list={start === 'workspace' ? 'recent-workspaces' : undefined}
                browse={{ mode: 'open', ...SOURCE[start].files }}
              />
              <datalist id="recent-workspaces">
                {recent.map((r) => (
                  <option key={r.path} value={r.path}>
                    {r.title}
                  </option>
                ))}
              </datalist>
            </>
          ) : null}
          {info?.nativeDialogs ? (
            <p className="govuk-body">
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void choose()}>
                Choose a location
              </button>
            </p>
          ) : null}
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
              Create workspace
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
