import type { ReactNode } from 'react';
import { TextField } from './TextField';

/**
 * Where a file is read from or saved to, typed as a full path: the one home of every "Save to",
 * "Open" and "Where to save it" field, so a Browse button added later reaches them all. Shown in
 * a monospace font, with no autocomplete or spellcheck.
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
}

export function FileField({ id, label, hint, error, value, onChange, list }: Props) {
  return (
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
  );
}
