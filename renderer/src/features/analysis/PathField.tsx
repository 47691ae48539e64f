import { useApp } from '../../app/store';
import { call } from '../../lib/api';
import { FileField } from '../../components/FileField';

/** The folder of the open workspace, where files are suggested. */
export function workspaceFolder(): string {
  const p = useApp.getState().workspace?.path ?? '';
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(0, i + 1) : '';
}

/**
 * A file path: typed in a FileField (the browser host has no native dialogs) or picked with the
 * system's dialog where the app has one.
 */
export function PathField({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  mode,
  filterName,
  extensions,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | null;
  mode: 'save' | 'open';
  filterName: string;
  extensions: string[];
}) {
  const native = useApp((s) => s.info?.nativeDialogs);
  async function choose() {
    if (mode === 'save') {
      const r = await call('dialog.saveFile', { defaultPath: value, title: label, filterName, extensions });
      if (r.ok && r.value) onChange(r.value.path);
    } else {
      const r = await call('dialog.openFiles', { title: label, filterName, extensions, multiple: false });
      if (r.ok && r.value?.paths[0]) onChange(r.value.paths[0]);
    }
  }
  return (
    <>
      <FileField id={id} label={label} hint={hint} value={value} error={error} onChange={onChange} />
      {native ? (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void choose()}>
          Choose a file<span className="govuk-visually-hidden"> for {label.toLowerCase()}</span>
        </button>
      ) : null}
    </>
  );
}
