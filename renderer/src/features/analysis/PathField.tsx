import { useApp } from '../../app/store';
import { FileField } from '../../components/FileField';

/** The folder of the open workspace, where files are suggested. */
export function workspaceFolder(): string {
  const p = useApp.getState().workspace?.path ?? '';
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(0, i + 1) : '';
}

/** A file the analysis reads or writes (a codebook, a coding package): typed, or chosen with "Browse". */
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
  return (
    <FileField
      id={id}
      label={label}
      hint={hint}
      value={value}
      error={error}
      onChange={onChange}
      browse={{ mode, filterName, extensions }}
    />
  );
}
