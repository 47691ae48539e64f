import { useCallback, useEffect, useRef, useState } from 'react';
import { useApp } from '../../app/store';
import type { Result } from '#shared/core/errors';

const SAVE_DELAY_MS = 600;

/**
 * Text saved as it is typed, the draft editor's way: the change is held for a short pause (the
 * header says "Saving…" meanwhile, never "Saved" for something only in the window), then saved
 * through the contract; leaving the field or the page saves at once. `state` drives the small
 * "Saved" note beside the field.
 */
export function useAutosave(initial: string, save: (text: string) => Promise<Result<unknown>>) {
  const [value, setValue] = useState(initial);
  const [state, setState] = useState<'idle' | 'pending' | 'saved' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(initial);
  const saved = useRef(initial);
  const saveRef = useRef(save);
  saveRef.current = save;

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const text = latest.current;
    if (text === saved.current) return;
    const r = await saveRef.current(text);
    if (r.ok) {
      saved.current = text;
      setState(latest.current === text ? 'saved' : 'pending');
      setError(null);
    } else {
      setState('error');
      setError(r.error.message);
    }
  }, []);

  const change = useCallback(
    (text: string) => {
      setValue(text);
      latest.current = text;
      setState('pending');
      useApp.setState({ saveState: 'saving' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush],
  );

  // Whatever is waiting is saved when the field goes away.
  useEffect(() => () => void flush(), [flush]);

  return { value, change, flush, state, error };
}
