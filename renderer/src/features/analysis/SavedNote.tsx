/** The little "Saved" line under a field saved as it is typed. */
export function SavedNote({ id, state }: { id: string; state: 'idle' | 'pending' | 'saved' | 'error' }) {
  return (
    <p id={id} className="app-analysis-saved" aria-live="polite">
      {state === 'pending' ? 'Saving…' : state === 'saved' ? 'Saved' : ''}
    </p>
  );
}
