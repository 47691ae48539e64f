// Who may import whom (architecture.md), as a lint rule rather than a paragraph in the README.
// Each folder is a zone; an import is checked by the zone of the importing file and what it names:
// another zone (resolved from the relative path), a Node built-in, 'electron', or an npm package.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');
const BUILTINS = new Set(builtinModules);

/** Zones, most specific first. */
const ZONES = [
  ['electron/services/core', 'services-core'],
  ['electron/services/formats', 'services-formats'],
  ['electron/services/router', 'services-router'],
  ['electron/services/backend', 'services-router'],
  ['electron/services', 'services'],
  ['electron/preload', 'preload'],
  ['electron/main', 'main'],
  ['electron/host', 'host'],
  ['electron/cli', 'cli'],
  ['shared/core', 'shared-core'],
  ['shared/domain', 'shared-domain'],
  ['shared/analysis', 'shared-analysis'],
  ['shared/checker', 'shared-checker'],
  ['shared', 'shared'],
  ['renderer', 'renderer'],
  ['tests', 'tests'],
  ['build', 'build'],
  ['bin', 'build'],
];

/**
 * For each zone: the zones it may import, whether Node built-ins are allowed, whether 'electron'
 * is, and which npm packages (a list, or 'any').
 */
/** Every zone of shared/, for the zones that may use all of it. */
const SHARED = ['shared-core', 'shared-domain', 'shared-analysis', 'shared-checker', 'shared'];
const SHARED_PACKAGES = ['zod', 'diff'];
/** Every zone of electron/services, for the zones built on all of it. */
const SERVICES = ['services-core', 'services-formats', 'services', 'services-router'];

const RULES = {
  // The bottom of shared/: errors, hashing, XML, CSV, cell safety. Knows nothing of consultations.
  'shared-core': { zones: ['shared-core'], node: false, electron: false, packages: [] },
  // The consultation's own model: the draft, imports' layouts, responses, exports, dates.
  'shared-domain': { zones: ['shared-core', 'shared-domain'], node: false, electron: false, packages: SHARED_PACKAGES },
  // Algorithms over the domain: tallies, suppression, kappa, campaigns, themes.
  'shared-analysis': {
    zones: ['shared-core', 'shared-domain', 'shared-analysis'],
    node: false,
    electron: false,
    packages: SHARED_PACKAGES,
  },
  // The consultation standard's rules, over the draft.
  'shared-checker': {
    zones: ['shared-core', 'shared-domain', 'shared-checker'],
    node: false,
    electron: false,
    packages: SHARED_PACKAGES,
  },
  // What is built on them: the report and coding views, the contract (ipc), the CSP. Pure
  // TypeScript that runs anywhere: no Node, no DOM, no Electron; only dependency-free helpers.
  shared: { zones: SHARED, node: false, electron: false, packages: SHARED_PACKAGES },
  // The bottom of the services: the database and its journal, files, locks, settings, worker
  // plumbing, the audit and export logs. No feature code (drafts, responses, analysis, documents).
  'services-core': { zones: [...SHARED, 'services-core'], node: true, electron: false, packages: 'any' },
  // File formats read and written (CSV, spreadsheets, email, ZIP, OOXML packages, XLSX streams,
  // PNG charts): they know nothing of consultations, so no feature code.
  'services-formats': {
    zones: [...SHARED, 'services-core', 'services-formats'],
    node: true,
    electron: false,
    packages: 'any',
  },
  // The features (draft, responses, survey-import, analysis, documents, workspace), each with its
  // handlers beside its services. Never Electron, so it runs in tests, the CLI and the browser host.
  // A feature never reaches up into the router that calls it.
  services: {
    zones: [...SHARED, 'services-core', 'services-formats', 'services'],
    node: true,
    electron: false,
    packages: 'any',
  },
  // The composition: the Router (one queue per session, the contract's validation, handler groups
  // loaded on first use) and the backend worker that runs it off the window's thread.
  'services-router': { zones: [...SHARED, ...SERVICES], node: true, electron: false, packages: 'any' },
  main: { zones: [...SHARED, ...SERVICES, 'main'], node: true, electron: true, packages: 'any' },
  host: { zones: [...SHARED, ...SERVICES, 'host'], node: true, electron: false, packages: 'any' },
  cli: { zones: [...SHARED, ...SERVICES, 'cli'], node: true, electron: false, packages: 'any' },
  // Sandboxed preload: contextBridge/ipcRenderer and the contract's channel list, nothing else.
  preload: { zones: [...SHARED, 'preload'], node: false, electron: true, packages: [] },
  // The UI: browser code only; reaches the main side through window.workbench (lib/api.ts).
  renderer: { zones: [...SHARED, 'renderer'], node: false, electron: false, packages: 'any' },
  tests: { zones: 'any', node: true, electron: true, packages: 'any' },
  build: { zones: 'any', node: true, electron: true, packages: 'any' },
};

/** The subpath imports of package.json ("imports"): '#shared/…' is shared/…, '#electron/…' is electron/…. */
const SUBPATHS = { '#shared/': 'shared/', '#electron/': 'electron/' };

/** The top folder of a path inside the repository (shared, electron, renderer, tests, build). */
const topOf = (file) => relative(ROOT, file).split(sep)[0];

function zoneOf(file) {
  const rel = relative(ROOT, file).split(sep).join('/');
  for (const [prefix, zone] of ZONES) if (rel === prefix || rel.startsWith(prefix + '/')) return zone;
  return null;
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export const boundaries = {
  meta: { type: 'problem', docs: { description: 'Enforce the import rules between folders' }, schema: [] },
  create(context) {
    const file = context.filename;
    const zone = zoneOf(file);
    if (!zone) return {};
    const rule = RULES[zone];
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const report = (why) => context.report({ node, message: `${zone}/ may not import '${spec}': ${why}` });
      if (spec.startsWith('#')) {
        const prefix = Object.keys(SUBPATHS).find((p) => spec.startsWith(p));
        if (!prefix)
          return report(`the subpath imports are ${Object.keys(SUBPATHS).join(' and ')} (package.json "imports")`);
        const target = zoneOf(resolve(ROOT, SUBPATHS[prefix] + spec.slice(prefix.length)));
        if (rule.zones !== 'any' && !rule.zones.includes(target))
          return report(`${zone} code must not depend on ${target} code`);
        return;
      }
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const path = resolve(dirname(file), spec);
        const target = zoneOf(path);
        if (!target) return report('it is outside the project folders');
        if (rule.zones !== 'any' && !rule.zones.includes(target))
          return report(`${zone} code must not depend on ${target} code`);
        // A relative path stays inside its own top folder; shared/ and electron/ are reached by name.
        const top = topOf(path);
        if (top !== topOf(file) && SUBPATHS[`#${top}/`])
          return report(`import it as '#${top}/…' (a subpath import), not by a relative path out of ${topOf(file)}/`);
        return;
      }
      if (spec.startsWith('node:') || BUILTINS.has(packageName(spec))) {
        if (!rule.node) report('Node built-ins are not available where this code runs');
        return;
      }
      if (packageName(spec) === 'electron') {
        if (!rule.electron) report("only the Electron shell (electron/main, electron/preload) may use 'electron'");
        return;
      }
      if (rule.packages !== 'any' && !rule.packages.includes(packageName(spec))) {
        report(`add the package to the ${zone} allowlist in build/eslint-rules/boundaries.js if it is safe there`);
      }
    }
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
      TSImportType: (n) => {
        const arg = n.argument?.literal ?? n.argument;
        if (arg && arg.type === 'Literal') check(arg, arg.value);
      },
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal')
          check(n.arguments[0], n.arguments[0].value);
      },
    };
  },
};
