/** Sentiment an analyst records for an answer about the proposal (one per answer per coder). */
export const SENTIMENTS = ['agree', 'disagree', 'mixed', 'unclear'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const SENTIMENT_LABELS: Record<Sentiment, string> = {
  agree: 'Agrees',
  disagree: 'Disagrees',
  mixed: 'Mixed',
  unclear: 'Unclear',
};

/** Keyboard keys in the coding queue: A, D, X (mixed), U. */
export const SENTIMENT_KEYS: Record<Sentiment, string> = { agree: 'a', disagree: 'd', mixed: 'x', unclear: 'u' };
