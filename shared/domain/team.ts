/**
 * A team copy as the window and the command line see it (electron/services/team/): the server it syncs with, what
 * is waiting to be sent, and conflicts met when two copies changed the same thing before either had synced.
 */
export interface TeamStatus {
  /** The server, as postgres URL without any password (credentials are never kept in the workspace). */
  server: string;
  schema: string;
  /** This copy's id in the team. */
  replica: string;
  /** lead | analyst | reader, as the server said at the last sync; '' when the server has no team roles set up. */
  role: string;
  /** The last server change pulled. */
  cursor: number;
  /** This copy's changes not yet sent. */
  pending: number;
  lastSyncAt: string | null;
  joinedAt: string;
  /** A slice copy: the questions whose answers it holds (it syncs their work only, and publishes nothing). */
  slice: string[] | null;
  conflictsOpen: number;
}

/** A question of the team's consultation as published: its number in the consultation ("3", "4a"), id and text. */
export interface ServerQuestion {
  number: string;
  id: string;
  text: string;
}

export interface ConflictVersion {
  analyst: string;
  replica: string;
  /** This copy made it. */
  mine: boolean;
  /** What the analyst sees of it, in words ("Name: Cost of living; …"). */
  summary: string;
}

export interface ConflictView {
  id: number;
  /** What it is about, in words: "Theme “Cost”", "Government response: question 3". */
  subject: string;
  entity: string;
  /** How it was settled, in words an analyst can read. */
  rule: string;
  /** Every version, in the order the server accepted them; the last is the one kept until someone chooses. */
  versions: ConflictVersion[];
  detectedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

export interface SyncReport {
  /** Changes this copy sent, and how many the server had not already got. */
  pushed: number;
  /** Colleagues' rows written into this copy. */
  pulled: number;
  /** Conflicts met in this sync (open ones). */
  newConflicts: ConflictView[];
  /** Why this copy's changes were not sent, in words (a reader's copy sends nothing); null when they were. */
  notSent: string | null;
  status: TeamStatus;
}
