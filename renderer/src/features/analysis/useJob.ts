import { useEffect, useState } from 'react';
import type { Channel } from '../../../../shared/ipc/channels';
import type { In, Out } from '../../../../shared/ipc/contract';
import type { AppErrorShape, Result } from '../../../../shared/core/errors';
import { call, events, newJobId } from '../../lib/api';
import { useApp } from '../../app/store';

export interface JobState {
  jobId: string;
  done: number;
  total: number;
  message: string;
}

/**
 * A long call (a contract 'job'): runs in the backend worker, so the window stays responsive;
 * reports progress, and can be cancelled. `run` resolves with the call's Result.
 */
export function useJob() {
  const [job, setJob] = useState<JobState | null>(null);
  useEffect(() => {
    if (!job) return;
    return events().onJobProgress((p) => {
      if (p.jobId === job.jobId) setJob((j) => (j ? { ...j, done: p.done, total: p.total, message: p.message } : j));
    });
  }, [job]);

  async function run<K extends Channel>(channel: K, input: In<K>, label: string): Promise<Result<Out<K>>> {
    const jobId = newJobId(channel.replace(/\W+/g, '-'));
    setJob({ jobId, done: 0, total: 1, message: label });
    try {
      return await useApp.getState().mutate(() => call(channel, input, { jobId }));
    } finally {
      setJob(null);
    }
  }

  function cancel() {
    if (job) void call('jobs.cancel', { jobId: job.jobId });
  }

  return { job, run, cancel, busy: job !== null };
}

/** A cancelled job is not an error worth showing as one. */
export const isCancelled = (e: AppErrorShape): boolean => e.code === 'cancelled';
