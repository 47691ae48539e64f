import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../../app/store';
import { call } from '../../lib/api';
import { PageHeading } from '../../components/PageHeading';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FileField } from '../../components/FileField';

/** The in-page Save As (browser host), also reached from the Overview page. */
export function SaveAsPage() {
  const workspace = useApp((s) => s.workspace);
  const saveAs = useApp((s) => s.saveAs);
  const navigate = useApp((s) => s.navigate);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!workspace) return;
    const folder = workspace.path.replace(/[\\/][^\\/]*$/, '');
    void call('fs.suggestPath', { title: `${workspace.title} copy`, folder }).then((r) => {
      if (r.ok) setPath(r.value.path);
    });
  }, [workspace]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!path.trim()) {
      setError('Enter where to save the copy');
      return;
    }
    const r = await saveAs(path.trim());
    if (!r.ok) setError(r.error.message);
  }

  if (!workspace) return null;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {error ? <ErrorSummary errors={[{ field: 'save-path', message: error }]} /> : null}
        <PageHeading caption={workspace.title}>Save a copy as</PageHeading>
        <p className="govuk-body">
          The copy holds everything in this workspace. You will carry on working in the copy; the original stays as it
          is now.
        </p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <FileField
            id="save-path"
            label="Save the copy to"
            error={error}
            value={path}
            onChange={setPath}
            browse={{ mode: 'save', filterName: 'Consultation workspaces', extensions: ['consult'] }}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button">
              Save copy
            </button>
            <button
              type="button"
              className="app-link-button"
              onClick={() => navigate({ page: 'workspace', tab: 'overview' })}
            >
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
