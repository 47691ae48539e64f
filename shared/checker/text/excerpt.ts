const flat = (s: string) => s.replace(/\s+/g, ' ');

/** A short quote of the text around a match (at most about `max` characters), for messages and locations. */
export function excerpt(text: string, start: number, end: number, max = 100): string {
  if (text.length <= max) return flat(text).trim();
  const len = end - start;
  if (len >= max) return `${start > 0 ? '…' : ''}${flat(text.slice(start, start + max)).trim()}…`;
  const pad = Math.floor((max - len) / 2);
  const to = Math.min(text.length, Math.max(0, start - pad) + max);
  const from = Math.max(0, to - max);
  return `${from > 0 ? '…' : ''}${flat(text.slice(from, to)).trim()}${to < text.length ? '…' : ''}`;
}

/** The start of a sentence, cut at a word boundary: "People tell us that finding NHS information…" */
export function quoteStart(sentence: string, maxChars = 80): string {
  const s = flat(sentence.length > maxChars * 4 ? sentence.slice(0, maxChars * 4) : sentence).trim();
  if (s.length <= maxChars) return s;
  const cut = s.slice(0, maxChars);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > maxChars / 2 ? cut.slice(0, sp) : cut).trimEnd()}…`;
}
