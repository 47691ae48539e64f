import { AppError } from '#shared/core/errors';

/** Between steps of a long import or detection: stop, with nothing written, when the official cancelled. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', 'Cancelled. Nothing was imported.');
}
