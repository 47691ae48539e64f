import { readZip, writeZip, type ZipEntry } from '../zip/zip';

/**
 * Makes an OOXML package from docx or exceljs byte-identical for the same content and clock:
 * the core properties' created/modified times become `now`, relationship ids the libraries draw at
 * random (docx names hyperlink relationships with nanoid) become numbered ones, and the ZIP is
 * rewritten with every entry stamped `now`. It can also add the document language to the core
 * properties, which docx cannot write (toolchain trap #11).
 */
export function finalizePackage(
  bytes: Uint8Array,
  now: Date,
  opts: { language?: string; patch?: (name: string, xml: string) => string } = {},
): Uint8Array {
  const files = readZip(bytes);
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const text = new Map<string, string>();
  for (const [name, data] of files) if (/\.(xml|rels)$/.test(name)) text.set(name, decoder.decode(data));

  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = text.get('docProps/core.xml');
  if (core !== undefined) {
    let c = core
      .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
      .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
    if (opts.language && !c.includes('<dc:language>'))
      c = c.replace('</cp:coreProperties>', `<dc:language>${opts.language}</dc:language></cp:coreProperties>`);
    text.set('docProps/core.xml', c);
  }

  // Relationship ids that are not rIdN: renumber in order of appearance, in the .rels and its part.
  for (const [relsName, rels] of [...text]) {
    if (!relsName.endsWith('.rels')) continue;
    const partName = relsName.replace(/_rels\/([^/]+)\.rels$/, '$1');
    let n = 0;
    const renames = new Map<string, string>();
    const newRels = rels.replace(/\bId="([^"]+)"/g, (m, id: string) => {
      if (/^rId\d+$/.test(id)) return m;
      const next = renames.get(id) ?? `rIdX${++n}`;
      renames.set(id, next);
      return `Id="${next}"`;
    });
    if (!renames.size) continue;
    text.set(relsName, newRels);
    const part = text.get(partName);
    if (part !== undefined)
      text.set(
        partName,
        part.replace(/(r:id|r:embed|r:link)="([^"]+)"/g, (m, attr: string, id: string) =>
          renames.has(id) ? `${attr}="${renames.get(id)!}"` : m,
        ),
      );
  }

  if (opts.patch) for (const [name, xml] of text) text.set(name, opts.patch(name, xml));

  // [Content_Types].xml first, as Office writes it; the rest in the library's (deterministic) order.
  const names = [...files.keys()].sort((a, b) =>
    a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : 0,
  );
  const entries: ZipEntry[] = names.map((name) => ({
    name,
    data: text.has(name) ? encoder.encode(text.get(name)!) : files.get(name)!,
  }));
  return writeZip(entries, now);
}
