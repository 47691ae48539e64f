/**
 * Text shortened to fit a limit at a word boundary, with "…" — never cut mid-word (a footer
 * reading "…information and serv…", an alt-text title cut in half). A single word longer than the
 * limit is the only thing cut inside a word.
 */
export function shortenAtWord(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const room = t.slice(0, Math.max(1, max - 1));
  const space = room.lastIndexOf(' ');
  const cut = space > max / 3 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.–-]+$/, '')}…`;
}
