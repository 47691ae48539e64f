/**
 * docx numbers bookmarks (the contents' `_TocN` anchors and their `w:id`s) from counters shared by
 * every document the process writes, so the second export of the same draft would differ from
 * the first. Renumbering them in order of appearance, per part, makes them depend on the document
 * alone. Only bookmark markup and the contents' references are touched, never the text.
 */
export function stableBookmarkIds(name: string, xml: string): string {
  if (!/^word\/(document|footer\d*|header\d*|footnotes|endnotes)\.xml$/.test(name)) return xml;
  const toc = new Map<string, string>();
  const tocName = (n: string) => {
    if (!toc.has(n)) toc.set(n, String(toc.size + 1));
    return toc.get(n)!;
  };
  const ids = new Map<string, string>();
  const bookmarkId = (n: string) => {
    if (!ids.has(n)) ids.set(n, String(ids.size + 1));
    return ids.get(n)!;
  };
  return xml
    .replace(/(w:(?:name|anchor)=")_Toc(\d+)"/g, (_m, pre: string, n: string) => `${pre}_Toc${tocName(n)}"`)
    .replace(/(PAGEREF _Toc)(\d+)/g, (_m, pre: string, n: string) => `${pre}${tocName(n)}`)
    .replace(
      /(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g,
      (_m, pre: string, n: string) => `${pre}${bookmarkId(n)}"`,
    );
}
