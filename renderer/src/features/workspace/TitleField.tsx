import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../app/store';
import { TITLE_MAX } from '#shared/domain/workspace';
import { TextField } from '../../components/TextField';

/**
 * The consultation's title, saved as you type (after a short pause) and when you leave the
 * field. Nothing to press: the header shows "Saving…" then "Saved".
 */
export function TitleField() {
  const title = useApp((s) => s.workspace?.title ?? '');
  const setTitle = useApp((s) => s.setTitle);
  const [value, setValue] = useState(title);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => setValue(title), [title]);

  async function save(v: string) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const t = v.trim();
    if (!t) return setError('Enter a title for the consultation');
    if (t.length > TITLE_MAX) return setError(`Title must be ${TITLE_MAX} characters or fewer`);
    setError(null);
    if (t === title) return;
    const r = await setTitle(t);
    if (!r.ok) setError(r.error.message);
  }

  return (
    <TextField
      id="consultation-title"
      label="Consultation title"
      hint="65 characters or fewer. Saved as you type."
      error={error}
      value={value}
      onChange={(e) => {
        const v = e.target.value;
        setValue(v);
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => void save(v), 600);
      }}
      onBlur={() => void save(value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void save(value);
      }}
      autoComplete="off"
      spellCheck
    />
  );
}
