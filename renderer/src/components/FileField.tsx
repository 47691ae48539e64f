import { useState, type ReactNode } from 'react';
import { useApp } from '../app/store';
import { call } from '../lib/api';
import { TextField } from './TextField';
import { FileChooser, type ChooserMode } from './FileChooser';

/**
 * Where a file is read from or saved to: the one home of every "Save to", "Open" and "Where to save
 * it" field. The path can be typed (monospace, no autocomplete or spellcheck), or chosen with
 * "Browse": the system's dialog in Electron, the app's own chooser in the browser host (FileChooser).
 */
interface Props {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  value: string;
  onChange: (value: string) => void;
  /** A datalist of suggestions (recent workspaces). */
  list?: string | undefined;
  /** Offer "Browse": what is chosen (a file to open or save, a folder) and which kinds of file. */
  browse?: { mode: Exclude<ChooserMode, 'open-many'>; filterName: string; extensions: readonly string[] };
  /** A path chosen in a chooser (a file to replace was confirmed there), rather than typed. */
  onChosen?: (path: string) => void;
}

export function FileField({ id, label, hint, error, value, onChange, list, browse, onChosen }: Props) {
  const native = useApp((s) => s.info?.nativeDialogs);
  const [choosing, setChoosing] = useState(false);
  const title = typeof label === 'string' ? label : 'Choose a file';

  async function browseNative() {
    if (!browse) return;
    if (browse.mode === 'save') {
      const r = await call('dialog.saveFile', {
        defaultPath: value,
        title,
        filterName: browse.filterName,
        extensions: [...browse.extensions],
      });
      if (r.ok && r.value) {
        onChange(r.value.path);
        onChosen?.(r.value.path);
      }
    } else {
      const r = await call('dialog.openFiles', {
        title,
        filterName: browse.filterName,
        extensions: [...browse.extensions],
        multiple: false,
      });
      if (r.ok && r.value?.paths[0]) onChange(r.value.paths[0]);
    }
  }

  return (
    <div className="app-file-field">
      <TextField
        id={id}
        label={label}
        hint={hint}
        error={error}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        mono
        autoComplete="off"
        spellCheck={false}
        list={list}
      />
      {browse && !choosing && !(native && browse.mode === 'folder') ? (
        <button
          type="button"
          className="govuk-button govuk-button--secondary app-file-field__browse"
          aria-expanded={native ? undefined : false}
          onClick={() => (native ? void browseNative() : setChoosing(true))}
        >
          Browse<span className="govuk-visually-hidden"> for {title.toLowerCase()}</span>
        </button>
      ) : null}
      {browse && choosing ? (
        <FileChooser
          mode={browse.mode}
          filterName={browse.filterName}
          extensions={browse.extensions}
          initialPath={value}
          onChoose={(paths) => {
            setChoosing(false);
            if (paths[0]) {
              onChange(paths[0]);
              onChosen?.(paths[0]);
            }
            document.getElementById(id)?.focus();
          }}
          onCancel={() => {
            setChoosing(false);
            document.getElementById(id)?.focus();
          }}
        />
      ) : null}
    </div>
  );
}
