import { useState } from 'react';
import { useApp } from '../../app/store';
import { call } from '../../lib/api';

/**
 * Open: a native dialog in Electron; in the browser host there is none, so go to the in-page
 * "Open a workspace" page, which has a path field and a list of workspaces in the default folder.
 */
export function useOpenFlow() {
  const info = useApp((s) => s.info);
  const navigate = useApp((s) => s.navigate);
  const openWorkspace = useApp((s) => s.openWorkspace);
  const [error, setError] = useState<string | null>(null);

  async function openPath(path: string) {
    setError(null);
    const r = await openWorkspace(path);
    if (!r.ok) setError(r.error.message);
    return r;
  }

  async function openWithDialog() {
    setError(null);
    if (!info?.nativeDialogs) {
      navigate({ page: 'open' });
      return;
    }
    const picked = await call('dialog.openWorkspace', {});
    if (picked.ok && picked.value) await openPath(picked.value.path);
    else if (!picked.ok) navigate({ page: 'open' });
  }

  return { openPath, openWithDialog, error, setError };
}

/** Ask for a path to save to: native dialog where there is one, else null (the page has a path field). */
export async function chooseSavePath(defaultPath: string, title: string): Promise<string | null> {
  const r = await call('dialog.saveWorkspace', { defaultPath, title });
  return r.ok && r.value ? r.value.path : null;
}
