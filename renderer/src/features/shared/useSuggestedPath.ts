import { useCallback, useEffect, useState } from 'react';
import { call } from '../../lib/api';

/**
 * Where to save a new workspace: a file in the usual folder named from `title` (fs.suggestPath: lower case,
 * hyphens, a number when the name is taken), following the title until the user types or chooses a path.
 */
export function useSuggestedPath(title: string): { path: string; setPath: (path: string) => void } {
  const [path, setSuggested] = useState('');
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (edited) return;
    let live = true;
    const t = setTimeout(() => {
      void call('fs.suggestPath', { title }).then((r) => {
        if (live && r.ok) setSuggested(r.value.path);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [title, edited]);
  const setPath = useCallback((p: string) => {
    setSuggested(p);
    setEdited(true);
  }, []);
  return { path, setPath };
}
