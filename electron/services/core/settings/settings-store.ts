import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../files/atomic-write';

/**
 * App settings kept outside any workspace: the recent list and window state. A small JSON file
 * in the user's config folder, written atomically. A damaged file is ignored (and replaced on the
 * next write) rather than stopping the app from starting.
 */
export interface RecentRecord {
  path: string;
  title: string;
  openedAt: string;
}
export interface WindowStateRecord {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}
export interface Settings {
  recent: RecentRecord[];
  window?: WindowStateRecord;
}

export const RECENT_MAX = 10;

export class SettingsStore {
  private readonly file: string;

  constructor(readonly dir: string) {
    this.file = join(dir, 'settings.json');
  }

  /**
   * Always from disk: the file is tiny, and two threads (the Electron main thread for window
   * state, the backend for the recent list) write it, so a cached copy could undo the other's write.
   */
  read(): Settings {
    let s: Settings = { recent: [] };
    try {
      if (existsSync(this.file)) {
        const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Settings>;
        s = {
          recent: Array.isArray(raw.recent)
            ? raw.recent.filter(
                (r): r is RecentRecord => !!r && typeof r.path === 'string' && typeof r.title === 'string',
              )
            : [],
          ...(raw.window && typeof raw.window.width === 'number' ? { window: raw.window } : {}),
        };
      }
    } catch {
      // unreadable settings: start fresh
    }
    return s;
  }

  private write(s: Settings): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileAtomicSync(this.file, Buffer.from(JSON.stringify(s, null, 2), 'utf8'));
    } catch {
      // Settings are a convenience: failing to save them must not fail the user's action.
    }
  }

  addRecent(path: string, title: string, at: Date): void {
    const s = this.read();
    const recent = [{ path, title, openedAt: at.toISOString() }, ...s.recent.filter((r) => r.path !== path)].slice(
      0,
      RECENT_MAX,
    );
    this.write({ ...s, recent });
  }

  removeRecent(path: string): void {
    const s = this.read();
    this.write({ ...s, recent: s.recent.filter((r) => r.path !== path) });
  }

  setWindowState(w: WindowStateRecord): void {
    this.write({ ...this.read(), window: w });
  }
}
