import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel } from '../../../../shared/ipc/channels';
import type { In, Out } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/core/errors';
import { call, events, newJobId } from '../../lib/api';
import { useApp } from '../../app/store';

export interface JobProgress {
  jobId: string;
  done: number;
  total: number;
  message: string;
}

/**
 * A long call (import, preview, detection, undo) with its progress and a Cancel. Calls that change
 * the workspace go through the app's mutate so the header shows "Saving…" then "Saved".
 */
export function useJob() {
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const current = useRef<string | null>(null);
  const jobId = progress?.jobId;
  useEffect(() => {
    if (!jobId) return;
    return events().onJobProgress((p) => {
      if (p.jobId === jobId) setProgress((b) => (b ? { ...b, done: p.done, total: p.total, message: p.message } : b));
    });
  }, [jobId]);

  const run = useCallback(async <K extends Channel>(channel: K, input: In<K>, opts: { changes?: boolean; label?: string } = {}): Promise<Result<Out<K>>> => {
    const jobId = newJobId(channel.replace('.', '-'));
    current.current = jobId;
    setProgress({ jobId, done: 0, total: 1, message: opts.label ?? 'Starting' });
    const go = () => call(channel, input, { jobId });
    const r = opts.changes ? await useApp.getState().mutate(go) : await go();
    current.current = null;
    setProgress(null);
    return r;
  }, []);

  const cancel = useCallback(() => {
    if (current.current) void call('jobs.cancel', { jobId: current.current });
  }, []);

  return { progress, run, cancel, busy: progress !== null };
}
