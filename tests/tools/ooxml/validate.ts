import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser, XMLSerializer, type Element as XElement, type Node as XNode } from '@xmldom/xmldom';
import { validateXML, memoryPages } from 'xmllint-wasm';
import { readZip } from '#electron/services/formats/zip/zip';

/**
 * The OOXML schema check, inside Node: every XML part of a .docx/.xlsx is validated against the
 * vendored ECMA-376 transitional schemas (./schemas) by libxml2 compiled to WebAssembly
 * (xmllint-wasm), so no system tool is needed. It is the nearest check, without Microsoft Office,
 * that Word or Excel opens a file without offering to repair it.
 *
 * Markup compatibility (ECMA-376 Part 3) is applied first, as Office does: elements and attributes
 * in namespaces a part marks mc:Ignorable are dropped, mc:AlternateContent is replaced by its
 * mc:Fallback, and xml:space is accepted everywhere. Parts in namespaces the standard does not
 * cover (Office 2010+ extension parts, custom XML) are skipped and named.
 *
 * Run by hand: `node --import tsx tests/tools/ooxml/validate.ts FILE.docx …`
 */

const SCHEMAS = join(dirname(fileURLToPath(import.meta.url)), 'schemas');
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const BY_ROOT_NS: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'wml.xsd',
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main': 'sml.xsd',
  'http://schemas.openxmlformats.org/presentationml/2006/main': 'pml.xsd',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'dml-main.xsd',
  'http://schemas.openxmlformats.org/drawingml/2006/chart': 'dml-chart.xsd',
  'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing': 'dml-spreadsheetDrawing.xsd',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'opc-coreProperties.xsd',
  'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties': 'shared-documentPropertiesExtended.xsd',
  'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties': 'shared-documentPropertiesCustom.xsd',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'opc-relationships.xsd',
  'http://schemas.openxmlformats.org/package/2006/content-types': 'opc-contentTypes.xsd',
};

let schemaFiles: { fileName: string; contents: string }[] | undefined;
/** Every schema, by the file name the others import it by (read once a process). */
function schemas(): { fileName: string; contents: string }[] {
  schemaFiles ??= readdirSync(SCHEMAS)
    .filter((f) => f.endsWith('.xsd'))
    .map((fileName) => ({ fileName, contents: readFileSync(join(SCHEMAS, fileName), 'utf8') }));
  return schemaFiles;
}

const ELEMENT = 1;
const isElement = (n: XNode): n is XElement => n.nodeType === ELEMENT;

/** Drops what mc:Ignorable names and resolves mc:AlternateContent, as a consuming application would. */
function applyMce(root: XElement): void {
  const ignorable = new Set<string>();
  for (const prefix of (root.getAttributeNS(MC, 'Ignorable') ?? '').split(/\s+/).filter(Boolean)) {
    const ns = root.lookupNamespaceURI(prefix);
    if (ns) ignorable.add(ns);
  }
  const clean = (el: XElement): void => {
    for (const attr of Array.from(el.attributes)) {
      const ns = attr.namespaceURI;
      if (ns === 'http://www.w3.org/2000/xmlns/') continue;
      // xml:space is honoured on every element by Office, though the schemas declare it only in places.
      if ((ns && ignorable.has(ns)) || ns === MC || (ns === XML_NS && attr.localName === 'space'))
        el.removeAttributeNode(attr);
    }
    for (const child of Array.from(el.childNodes)) {
      if (!isElement(child)) continue;
      if (child.namespaceURI === MC && child.localName === 'AlternateContent') {
        const fallback = Array.from(child.childNodes).find(
          (c): c is XElement => isElement(c) && c.namespaceURI === MC && c.localName === 'Fallback',
        );
        for (const sub of fallback ? Array.from(fallback.childNodes).filter(isElement) : []) {
          el.insertBefore(sub, child);
          clean(sub);
        }
        el.removeChild(child);
        continue;
      }
      if (child.namespaceURI && ignorable.has(child.namespaceURI)) {
        el.removeChild(child);
        continue;
      }
      clean(child);
    }
  };
  clean(root);
}

export interface OoxmlVerdict {
  ok: boolean;
  /** One line per file, then each invalid part with libxml2's messages (as the command-line tool printed). */
  output: string;
}

/**
 * Validates every XML part of one .docx/.xlsx package, in a child process: libxml2 runs in
 * WebAssembly worker threads, and a fault there (seen once, under load, never reproduced) would
 * otherwise take the test runner down with it. A child that dies by a signal or without a verdict
 * is a fault of the tool, not a verdict on the document: it is run once more, then reported.
 */
export async function validateOoxml(path: string): Promise<OoxmlVerdict> {
  for (let attempt = 1; ; attempt++) {
    const r = await runChild(path);
    if (r.status === 0 || r.status === 1) return { ok: r.status === 0, output: r.output };
    if (attempt === 2)
      return {
        ok: false,
        output:
          `${path}: the OOXML validator itself failed twice ` +
          `(${r.signal ?? `exit ${r.status}`}): ${r.output.slice(-2000)}`,
      };
  }
}

function runChild(path: string): Promise<{ status: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (status, signal) => resolve({ status, signal, output: output.trimEnd() }));
  });
}

/** The check itself, in this process. */
async function validateHere(path: string): Promise<OoxmlVerdict> {
  let files: Map<string, Uint8Array>;
  try {
    files = readZip(readFileSync(path));
  } catch (e) {
    return { ok: false, output: `${path}: INVALID (not a readable ZIP package: ${(e as Error).message})` };
  }
  const failures: string[] = [];
  const skipped: string[] = [];
  const bySchema = new Map<string, { fileName: string; part: string; contents: string }[]>();
  for (const [part, bytes] of files) {
    if (!part.endsWith('.xml') && !part.endsWith('.rels')) continue;
    const errors: string[] = [];
    let doc: ReturnType<DOMParser['parseFromString']> | undefined;
    try {
      doc = new DOMParser({
        onError: (level, message) => void (level !== 'warning' && errors.push(message)),
      }).parseFromString(new TextDecoder().decode(bytes), 'text/xml');
    } catch (e) {
      errors.push((e as Error).message); // xmldom throws on a fatal error after reporting it
    }
    const root = doc?.documentElement;
    if (errors.length || !doc || !root) {
      failures.push(`${part}: not well-formed XML: ${errors[0] ?? 'no root element'}`);
      continue;
    }
    const xsd = BY_ROOT_NS[root.namespaceURI ?? ''];
    if (!xsd) {
      skipped.push(part);
      continue;
    }
    applyMce(root);
    const list = bySchema.get(xsd) ?? [];
    // A file name libxml2 will not read as an option, and that maps back to the part.
    list.push({
      fileName: `part${bySchema.size}_${list.length}_${part.replace(/[^A-Za-z0-9_.]/g, '_')}`,
      part,
      contents: new XMLSerializer().serializeToString(doc),
    });
    bySchema.set(xsd, list);
  }
  let checked = 0;
  for (const [xsd, parts] of bySchema) {
    const all = schemas();
    const main = all.find((s) => s.fileName === xsd);
    if (!main) throw new Error(`The OOXML schema ${xsd} is missing from ${SCHEMAS}.`);
    // One run per schema for all its parts: compiling the big schemas is most of the cost.
    const result = await validateXML({
      xml: parts.map(({ fileName, contents }) => ({ fileName, contents })),
      schema: [main],
      preload: all.filter((s) => s !== main),
      maxMemoryPages: memoryPages.GiB,
    });
    checked += parts.length;
    for (const { fileName, part } of parts) {
      const errs = result.errors
        .filter((e) => e.loc?.fileName === fileName || e.rawMessage.startsWith(`${fileName}:`))
        .map((e) => e.rawMessage.replaceAll(fileName, part));
      if (errs.length) failures.push([`${part} (against ${xsd}):`, ...errs.slice(0, 8)].join('\n  '));
    }
    if (!result.valid && !parts.some(({ fileName }) => result.errors.some((e) => e.rawMessage.includes(fileName)))) {
      failures.push(`(against ${xsd}): ${result.rawOutput.slice(0, 2000)}`);
    }
  }
  const head =
    `${path}: ${failures.length ? 'INVALID' : 'valid'} (${checked} parts ` +
    `checked${skipped.length ? `, skipped: ${skipped.join(', ')}` : ''})`;
  return { ok: failures.length === 0, output: [head, ...failures.map((f) => `  ${f}`)].join('\n') };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let bad = 0;
  for (const f of process.argv.slice(2)) {
    const v = await validateHere(f);
    console.log(v.output);
    if (!v.ok) bad++;
  }
  process.exitCode = bad ? 1 : 0;
}
