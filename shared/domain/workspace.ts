/** What the app knows about an open (or inspected) workspace file. */
export interface WorkspaceSummary {
  path: string;
  title: string;
  schemaVersion: number;
  workspaceId: string;
  consultationId: string;
  createdAt: string;
  updatedAt: string;
  questions: number;
  respondents: number;
  responses: number;
}

/** A file looked at without opening it for editing (CLI `info`). schemaVersion is the file's. */
export interface WorkspaceInspection extends WorkspaceSummary {
  appSchemaVersion: number;
  /** Changes in the journal not yet folded into the file (it was not closed cleanly, or is open now). */
  journalEntries: number;
}

/** Durability state, shown as "Saved" in the window title and header. */
export interface WorkspaceState {
  path: string;
  title: string;
  /** Every acknowledged change is on disk (journal or snapshot). */
  saved: boolean;
  /** Changes held in the journal since the last snapshot. */
  journalEntries: number;
  lastSnapshotAt: string | null;
  lastChangeAt: string | null;
}

export interface RecentEntry {
  path: string;
  title: string;
  openedAt: string;
  /** False when the file has since been moved or deleted. */
  exists: boolean;
}

export interface VerifyReport {
  path: string;
  ok: boolean;
  integrity: string[];
  schemaVersion: number;
  knownSchemaVersion: number;
  journal: {
    present: boolean;
    entries: number;
    bytes: number;
    tornTail: boolean;
    generation: number | null;
    matches: boolean;
  };
  lock: { present: boolean; pid: number | null; host: string | null; stale: boolean | null };
  backup: { present: boolean; bytes: number };
  fileBytes: number;
}

/** One entry of a folder in the app's own file chooser. */
export interface BrowseEntry {
  name: string;
  path: string;
  kind: 'folder' | 'file';
  /** Files only. */
  bytes: number | null;
  modifiedAt: string | null;
}

/** A folder as the file chooser shows it: its sub-folders and the files of the kinds asked for. */
export interface BrowseResult {
  folder: string;
  /** null at the top of the file system. */
  parent: string | null;
  entries: BrowseEntry[];
  /** Entries past the listing's limit (type the name instead). */
  notShown: number;
  /** Files of other kinds, not listed. */
  otherFiles: number;
  /** Where to start: home, the consultations folder, recent folders, the whole computer. */
  places: Array<{ label: string; path: string }>;
}

export interface FolderEntry {
  path: string;
  name: string;
  modifiedAt: string;
  bytes: number;
}

export const WORKSPACE_EXTENSION = '.consult';
export const TITLE_MAX = 65;
