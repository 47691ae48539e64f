/**
 * Hashes of every output the app makes, for the example consultation and a 1,000-response
 * workspace, with the clock fixed: run it before and after a change that must not change what is
 * made (a refactor) and compare. Zip packages (docx, xlsx) are hashed part by part, by name and
 * content, so a zip entry's own timestamp does not count.
 * The workspaces are made in WORKDIR the first time and reused after (a response form carries
 * its workspace's own random id, so the same workspace must be exported before and after).
 *   npm run output-hashes -- WORKDIR [out.json]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { EXPORT_KINDS, EXPORT_INFO } from '#shared/domain/exports';
import { testRouter } from '../harness/router';
import { writeSurvey } from '../unit/responses/helpers';

const CLOCK = () => new Date('2027-06-01T09:00:00Z');

async function hashOf(path: string): Promise<string> {
  const bytes = readFileSync(path);
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return createHash('sha256').update(bytes).digest('hex');
  const zip = await JSZip.loadAsync(bytes);
  const h = createHash('sha256');
  for (const name of Object.keys(zip.files).sort()) {
    const f = zip.files[name]!;
    if (f.dir) continue;
    h.update(name)
      .update('\0')
      .update(await f.async('uint8array'))
      .update('\0');
  }
  return h.digest('hex');
}

async function main(): Promise<void> {
  const work = process.argv[2];
  if (!work) throw new Error('Usage: output-hashes.ts WORKDIR [out.json]');
  mkdirSync(work, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'cw-hashes-'));
  const out: Record<string, string> = {};
  try {
    for (const [label, count] of [
      ['example', 0],
      ['1000 responses', 1000],
    ] as const) {
      const { router, call } = testRouter(join(dir, label), CLOCK);
      try {
        const ws = join(work, `${label}.consult`);
        if (existsSync(ws)) await call('workspace.open', { path: ws });
        else {
          await call('workspace.create', {
            path: ws,
            title: 'Hashes',
            from: { kind: 'template', template: 'example' },
          });
          if (count) {
            const f = writeSurvey(dir, `${count}.csv`, { count, seed: 5 });
            await call('responses.import', { paths: [f.path], detect: true });
          }
        }
        for (const kind of EXPORT_KINDS) {
          if (!count && EXPORT_INFO[kind].stage === 'response') continue; // nothing to report yet
          for (const redaction of EXPORT_INFO[kind].holdsResponses ? (['none', 'redacted'] as const) : [undefined]) {
            const path = join(dir, `${label}-${kind}-${redaction ?? 'na'}${EXPORT_INFO[kind].extension}`);
            await call('outputs.export', {
              allowUnfinished: true,
              kind,
              path,
              exportAnyway: true,
              ...(redaction ? { redaction } : {}),
            });
            out[`${label} ${kind}${redaction ? ` ${redaction}` : ''}`] = await hashOf(path);
          }
        }
      } finally {
        await router.shutdown();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const text = JSON.stringify(out, null, 2);
  if (process.argv[3]) writeFileSync(process.argv[3], `${text}\n`);
  console.log(text);
}

await main();
