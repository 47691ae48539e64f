import { syllables } from './syllables';
import type { Sentence } from './words';

/**
 * Flesch reading ease and Flesch–Kincaid grade (consultation-standard.md §6.4):
 *   FRE = 206.835 − 1.015·ASL − 84.6·ASW;  FK = 0.39·ASL + 11.8·ASW − 15.59
 * where ASL is words per sentence and ASW syllables per word.
 */
export interface ReadabilityScores {
  words: number;
  sentences: number;
  syllables: number;
  readingEase: number;
  grade: number;
}

export function scoreSentences(sentences: readonly Sentence[]): ReadabilityScores {
  let words = 0;
  let syl = 0;
  for (const s of sentences) {
    for (const token of s.text.split(/\s+/)) {
      if (!/[\p{L}\p{N}]/u.test(token)) continue;
      words++;
      syl += Math.max(1, syllables(token));
    }
  }
  const n = sentences.length;
  if (!words || !n) return { words, sentences: n, syllables: syl, readingEase: NaN, grade: NaN };
  const asl = words / n;
  const asw = syl / words;
  return {
    words,
    sentences: n,
    syllables: syl,
    readingEase: 206.835 - 1.015 * asl - 84.6 * asw,
    grade: 0.39 * asl + 11.8 * asw - 15.59,
  };
}
