import type { RowChange } from './draft-rows';

/**
 * Undo and redo across the whole draft, for one editing session: each entry is the rows a
 * change touched, before and after. Kept in memory (like Word, undo does not survive closing the
 * workspace); every step itself is an ordinary, journaled change.
 */
export class DraftHistory {
  private undoStack: RowChange[] = [];
  private redoStack: RowChange[] = [];
  constructor(private readonly limit = 200) {}

  record(change: RowChange): void {
    this.undoStack.push(change);
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack = [];
  }
  takeUndo(): RowChange | undefined {
    return this.undoStack.pop();
  }
  takeRedo(): RowChange | undefined {
    return this.redoStack.pop();
  }
  pushUndone(c: RowChange): void {
    this.redoStack.push(c);
  }
  pushRedone(c: RowChange): void {
    this.undoStack.push(c);
  }
  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }
}
