/**
 * What the importer will read, so an untrusted file cannot exhaust memory or time. Each limit gives
 * a clear error naming it; none is reached by a real export (Excel itself stops at 1,048,576 rows
 * and 32,767 characters a cell).
 */
export interface ImportLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Data rows, header rows included. */
  maxRows: number;
  maxColumns: number;
  /** Spreadsheets (zip): total uncompressed size of all parts. */
  maxUncompressedBytes: number;
  /** Spreadsheets (zip): most parts in the archive. */
  maxZipEntries: number;
  /** Spreadsheets (zip): a part more than this many times bigger than it is compressed, and over 10 MB, is a bomb. */
  maxCompressionRatio: number;
  /** Emails. */
  maxEmailBytes: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: 512 * 1024 * 1024,
  maxRows: 1_048_576,
  maxColumns: 1_000,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxCompressionRatio: 200,
  maxEmailBytes: 50 * 1024 * 1024,
};

export function withLimits(partial?: Partial<ImportLimits>): ImportLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / (1024 * 1024 * 1024)).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
