import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { call } from '../lib/api';
import type { BrowseResult } from '#shared/domain/workspace';
import { TextField } from './TextField';
import { Table, Row, Cell } from './Table';

/**
 * The app's own file chooser, for the browser host (Electron uses the system's dialogs): start from
 * home, the consultations folder or a recent folder, open folders, go up, make a new folder, and
 * choose a file of the kinds asked for — or, to save, type a name and be asked before an existing
 * file is replaced. The folder is read through the contract (fs.browse); the window never touches
 * the file system.
 */
export type ChooserMode = 'open' | 'open-many' | 'save' | 'folder';

export interface ChooserProps {
  mode: ChooserMode;
  /** What the files are, for the filter note ("Word documents"). */
  filterName: string;
  /** Lower-case extensions without the dot; empty = any file. */
  extensions: readonly string[];
  /** The path in the field now: the chooser opens in its folder (and, to save, with its name). */
  initialPath: string;
  onChoose: (paths: string[]) => void;
  onCancel: () => void;
}

const splitPath = (p: string): { folder: string; name: string } => {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? { folder: p.slice(0, i) || p.slice(0, 1), name: p.slice(i + 1) } : { folder: '', name: p };
};
const joinPath = (folder: string, name: string): string => {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? folder + name : `${folder}${sep}${name}`;
};
const size = (b: number | null): string =>
  b === null
    ? ''
    : b < 1024
      ? `${b} bytes`
      : b < 1024 * 1024
        ? `${Math.round(b / 1024)} KB`
        : `${(b / 1048576).toFixed(1)} MB`;
const when = (iso: string | null): string =>
  iso
    ? new Date(iso).toLocaleString('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
    : '';

export function FileChooser({ mode, filterName, extensions, initialPath, onChoose, onCancel }: ChooserProps) {
  const uid = useId().replace(/:/g, '');
  const start = splitPath(initialPath.trim());
  const [listing, setListing] = useState<BrowseResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState(mode === 'save' ? start.name : '');
  const [nameError, setNameError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [replace, setReplace] = useState<string | null>(null);
  const [newFolder, setNewFolder] = useState<string | null>(null);
  const [folderError, setFolderError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const replaceRef = useRef<HTMLDivElement>(null);

  /** Shows a folder; false when it cannot be opened (said on the page unless `quiet`). */
  const open = useCallback(
    async (folder?: string, quiet = false): Promise<boolean> => {
      const r = await call('fs.browse', {
        ...(folder ? { folder } : {}),
        ...(extensions.length ? { extensions: [...extensions] } : {}),
        ...(mode === 'folder' ? { foldersOnly: true } : {}),
      });
      if (!r.ok) {
        if (!quiet) setError(r.error.message);
        return false;
      }
      setError(null);
      setListing(r.value);
      setPicked(new Set());
      setReplace(null);
      return true;
    },
    [extensions, mode],
  );

  useEffect(() => {
    void (async () => {
      // The field's folder, or, when it names none that exists, the consultations folder.
      if (!(start.folder && (await open(start.folder, true)))) await open();
      heading.current?.focus();
    })();
    // Opened once, at the field's path.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (replace) replaceRef.current?.focus();
  }, [replace]);
  // To save: the name the field suggests (it may arrive after the chooser opened), until one is typed here.
  const [nameTyped, setNameTyped] = useState(false);
  const suggested = splitPath(initialPath.trim()).name;
  useEffect(() => {
    if (mode === 'save' && !nameTyped && suggested) setName(suggested);
  }, [mode, nameTyped, suggested]);

  const title = mode === 'save' ? 'Choose where to save it' : mode === 'folder' ? 'Choose a folder' : 'Choose a file';
  const kinds = extensions.length ? `${filterName} (${extensions.map((e) => `.${e}`).join(', ')})` : 'every file';

  function save() {
    if (!listing) return;
    const n = name.trim();
    if (!n) return setNameError('Enter a file name');
    if (/[/\\]/.test(n)) return setNameError('A file name cannot contain / or \\');
    const ext = extensions[0];
    const full = ext && !extensions.some((e) => n.toLowerCase().endsWith(`.${e}`)) ? `${n}.${ext}` : n;
    const existing = listing.entries.find((e) => e.name.toLowerCase() === full.toLowerCase());
    if (existing?.kind === 'folder') return setNameError(`“${full}” is a folder here: choose another name`);
    if (existing) return setReplace(existing.path);
    onChoose([joinPath(listing.folder, full)]);
  }

  async function makeFolder() {
    if (!listing || newFolder === null) return;
    const r = await call('fs.makeFolder', { parent: listing.folder, name: newFolder });
    if (!r.ok) return setFolderError(r.error.message);
    setNewFolder(null);
    setFolderError(null);
    await open(r.value.path);
  }

  return (
    <section className="app-file-chooser" aria-labelledby={`${uid}-title`}>
      <h3 className="govuk-heading-s" id={`${uid}-title`} tabIndex={-1} ref={heading}>
        {title}
      </h3>
      {error ? <p className="govuk-error-message">{error}</p> : null}
      {listing ? (
        <>
          <nav aria-label="Places">
            <ul className="govuk-list app-file-chooser__places">
              {listing.places.map((p) => (
                <li key={p.path}>
                  <button
                    type="button"
                    className="app-link-button"
                    aria-current={p.path === listing.folder ? 'location' : undefined}
                    onClick={() => void open(p.path)}
                  >
                    {p.label}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <p className="govuk-body govuk-!-margin-bottom-2">
            Looking in <span className="app-path">{listing.folder}</span>
          </p>
          <div className="govuk-button-group govuk-!-margin-bottom-2">
            {listing.parent ? (
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                onClick={() => void open(listing.parent!)}
              >
                Up one folder
              </button>
            ) : null}
            {newFolder === null ? (
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                onClick={() => setNewFolder('')}
              >
                New folder
              </button>
            ) : null}
          </div>
          {newFolder !== null ? (
            <div className="app-file-chooser__new">
              <TextField
                id={`${uid}-new-folder`}
                label="Name of the new folder"
                value={newFolder}
                error={folderError ?? undefined}
                onChange={(e) => setNewFolder(e.target.value)}
                autoFocus
              />
              <div className="govuk-button-group">
                <button
                  type="button"
                  className="govuk-button govuk-!-margin-bottom-0"
                  onClick={() => void makeFolder()}
                >
                  Make the folder
                </button>
                <button type="button" className="app-link-button" onClick={() => setNewFolder(null)}>
                  Cancel
                </button>
              </div>
            </div>
          ) : null}
          <div className="app-file-chooser__list">
            <Table
              caption={`In this folder: sub-folders and ${kinds}`}
              captionSize="hidden"
              columns={[{ label: 'Name' }, { label: 'Modified' }, { label: 'Size', numeric: true }]}
            >
              {listing.entries.map((e) => (
                <Row key={e.path}>
                  <Cell>
                    {e.kind === 'folder' ? (
                      <button type="button" className="app-link-button" onClick={() => void open(e.path)}>
                        <FolderIcon />
                        {e.name}
                        <span className="govuk-visually-hidden"> (folder)</span>
                      </button>
                    ) : mode === 'open-many' ? (
                      <div className="govuk-checkboxes govuk-checkboxes--small">
                        <div className="govuk-checkboxes__item">
                          <input
                            className="govuk-checkboxes__input"
                            id={`${uid}-f-${e.name}`}
                            type="checkbox"
                            checked={picked.has(e.path)}
                            onChange={(ev) => {
                              const next = new Set(picked);
                              if (ev.target.checked) next.add(e.path);
                              else next.delete(e.path);
                              setPicked(next);
                            }}
                          />
                          <label className="govuk-label govuk-checkboxes__label" htmlFor={`${uid}-f-${e.name}`}>
                            {e.name}
                          </label>
                        </div>
                      </div>
                    ) : mode === 'open' ? (
                      <button type="button" className="app-link-button" onClick={() => onChoose([e.path])}>
                        {e.name}
                        <span className="govuk-visually-hidden"> (choose this file)</span>
                      </button>
                    ) : mode === 'save' ? (
                      <button type="button" className="app-link-button" onClick={() => setName(e.name)}>
                        {e.name}
                        <span className="govuk-visually-hidden"> (use this name)</span>
                      </button>
                    ) : (
                      e.name
                    )}
                  </Cell>
                  <Cell>{when(e.modifiedAt)}</Cell>
                  <Cell numeric>{size(e.bytes)}</Cell>
                </Row>
              ))}
            </Table>
            {listing.entries.length === 0 ? (
              <p className="govuk-body">Nothing here{mode === 'folder' ? '' : ` but other kinds of file`}.</p>
            ) : null}
          </div>
          <p className="govuk-body-s">
            Showing folders{mode === 'folder' ? '' : ` and ${kinds}`}.
            {listing.otherFiles && mode !== 'folder'
              ? ` ${listing.otherFiles} other file${listing.otherFiles === 1 ? ' is' : 's are'} not shown.`
              : ''}
            {listing.notShown ? ` ${listing.notShown} more are not listed: type the name instead.` : ''}
          </p>
          {mode === 'save' ? (
            <>
              <TextField
                id={`${uid}-name`}
                label="File name"
                value={name}
                error={nameError ?? undefined}
                onChange={(e) => {
                  setName(e.target.value);
                  setNameTyped(true);
                  setNameError(null);
                  setReplace(null);
                }}
                mono
                spellCheck={false}
              />
              {replace ? (
                <div className="govuk-warning-text" ref={replaceRef} tabIndex={-1} role="alert">
                  <span className="govuk-warning-text__icon" aria-hidden="true">
                    !
                  </span>
                  <strong className="govuk-warning-text__text">
                    <span className="govuk-visually-hidden">Warning</span>A file called “{splitPath(replace).name}” is
                    already in this folder. Replace it?
                  </strong>
                  <div className="govuk-button-group govuk-!-margin-top-2">
                    <button
                      type="button"
                      className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                      onClick={() => onChoose([replace])}
                    >
                      Replace it
                    </button>
                    <button type="button" className="app-link-button" onClick={() => setReplace(null)}>
                      Choose another name
                    </button>
                  </div>
                </div>
              ) : null}
            </>
          ) : null}
          <div className="govuk-button-group">
            {mode === 'save' && !replace ? (
              <button type="button" className="govuk-button" onClick={save}>
                Save here
              </button>
            ) : null}
            {mode === 'open-many' ? (
              <button
                type="button"
                className="govuk-button"
                disabled={picked.size === 0}
                onClick={() => onChoose([...picked])}
              >
                {picked.size ? `Choose ${picked.size} file${picked.size === 1 ? '' : 's'}` : 'Choose files'}
              </button>
            ) : null}
            {mode === 'folder' || mode === 'open-many' ? (
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => onChoose([listing.folder])}
              >
                {mode === 'folder' ? 'Choose this folder' : 'Choose the whole folder'}
              </button>
            ) : null}
            <button type="button" className="app-link-button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <p className="govuk-body" role="status">
          Opening the folder…
        </p>
      )}
    </section>
  );
}

const FOLDER_PATH =
  'M1 2.5A1.5 1.5 0 0 1 2.5 1h5l2 2h8A1.5 1.5 0 0 1 19 4.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 1 13.5z';

/** A folder, drawn (the laptops' fonts may have no emoji). */
function FolderIcon() {
  return (
    <svg className="app-folder-icon" viewBox="0 0 20 16" width="20" height="16" aria-hidden="true" focusable="false">
      <path d={FOLDER_PATH} />
    </svg>
  );
}
