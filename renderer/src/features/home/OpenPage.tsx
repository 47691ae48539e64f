import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../../app/store';
import { call } from '../../lib/api';
import { PageHeading } from '../../components/PageHeading';
import { ErrorSummary } from '../../components/ErrorSummary';
import type { FolderEntry } from '#shared/domain/workspace';
import { whenText } from '../shared/format';
import { FileField } from '../../components/FileField';

/** The in-page stand-in for a native Open dialog (browser host): a path field and the default folder's workspaces. */
export function OpenPage() {
  const openWorkspace = useApp((s) => s.openWorkspace);
  const navigate = useApp((s) => s.navigate);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [folder, setFolder] = useState<{ folder: string; entries: FolderEntry[] } | null>(null);

  useEffect(() => {
    void call('fs.listWorkspaces', {}).then((r) => {
      if (r.ok) setFolder(r.value);
    });
  }, []);

  async function open(p: string) {
    setError(null);
    if (!p.trim()) {
      setError('Enter the path of the workspace file');
      return;
    }
    const r = await openWorkspace(p.trim());
    if (!r.ok) setError(r.error.message);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void open(path);
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {error ? <ErrorSummary errors={[{ field: 'open-path', message: error }]} /> : null}
        <PageHeading>Open a workspace</PageHeading>
        <form onSubmit={submit} noValidate>
          <FileField
            id="open-path"
            label="Workspace file"
            hint="A .consult file: type its full path or browse to it"
            browse={{ mode: 'open', filterName: 'Consultation workspaces', extensions: ['consult'] }}
            error={error}
            value={path}
            onChange={setPath}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button">
              Open
            </button>
            <button type="button" className="app-link-button" onClick={() => navigate({ page: 'home' })}>
              Cancel
            </button>
          </div>
        </form>
        {folder ? (
          <>
            <h2 className="govuk-heading-m">Workspaces in {folder.folder}</h2>
            {folder.entries.length === 0 ? (
              <p className="govuk-body">There are no workspaces in this folder.</p>
            ) : (
              <ul className="govuk-list app-recent-list">
                {folder.entries.map((f) => (
                  <li key={f.path} className="govuk-!-margin-bottom-3">
                    <button
                      type="button"
                      className="app-link-button govuk-!-font-weight-bold"
                      onClick={() => void open(f.path)}
                    >
                      {f.name}
                    </button>
                    <div className="govuk-body-s">Changed {whenText(f.modifiedAt)}</div>
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : null}
      </div>
    </div>
  );
}
