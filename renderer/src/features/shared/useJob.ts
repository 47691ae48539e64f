import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel } from '#shared/ipc/channels';
import type { In, Out } from '#shared/ipc/contract';
import type { AppErrorShape, Result } from '#shared/core/errors';
import { call, events, newJobId } from '../../lib/api';

/** Where a long call has got to, from its progress events. */
export interface JobProgress {
  jobId: string;
  done: number;
  total: number;
  message: string;
}

/**
 * A long call (a contract 'job': import, detection, export, bulk coding…) runs in the backend
 * worker, so the window stays responsive; this follows its progress and can cancel it. Whether
 * the header shows "Saving…" comes from the call's kind (lib/api.ts), not from here.
 */
export function useJob() {
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const current = useRef<string | null>(null);
  const jobId = progress?.jobId;
  useEffect(() => {
    if (!jobId) return;
    return events().onJobProgress((p) => {
      if (p.jobId !== jobId) return;
      setProgress((b) => (b ? { ...b, done: p.done, total: p.total, message: p.message } : b));
    });
  }, [jobId]);

  type Run = <K extends Channel>(channel: K, input: In<K>, label: string) => Promise<Result<Out<K>>>;
  const run = useCallback<Run>(async (channel, input, label) => {
    const id = newJobId(channel.replace(/\W+/g, '-'));
    current.current = id;
    setProgress({ jobId: id, done: 0, total: 1, message: label });
    try {
      return await call(channel, input, { jobId: id });
    } finally {
      current.current = null;
      setProgress(null);
    }
  }, []);

  const cancel = useCallback(() => {
    if (current.current) void call('jobs.cancel', { jobId: current.current });
  }, []);

  return { progress, run, cancel, busy: progress !== null };
}

/** A cancelled job is not an error worth showing as one. */
export const isCancelled = (e: AppErrorShape): boolean => e.code === 'cancelled';
