// The floors of electron/ as an ESLint rule (VS Code's layering rule is the model): a file may import
// only its own floor's neighbours and the floors below it, and only the shell may import Electron.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Top to bottom. `may` lists the floors a floor's files may import besides their own folder.
 * Doors do not import each other: the window and the command line meet only in the use cases.
 */
export const FLOORS = [
  { name: 'shell', match: /^electron\/(main|composition|preload)\.ts$|^electron\/system\// },
  { name: 'door ipc', match: /^electron\/ipc\// },
  { name: 'door cli', match: /^electron\/cli\// },
  { name: 'use cases', match: /^electron\/use-cases\// },
  {
    name: 'core',
    match:
      /^electron\/(vault|qr|icons|import|transfer|clock|agent|aws|sync)\/|^electron\/ports\.ts$/,
  },
  { name: 'shared', match: /^shared\// },
  { name: 'renderer', match: /^renderer\// },
];

const MAY = {
  shell: ['shell', 'door ipc', 'door cli', 'use cases', 'core', 'shared'],
  'door ipc': ['door ipc', 'use cases', 'core', 'shared'],
  'door cli': ['door cli', 'use cases', 'core', 'shared'],
  'use cases': ['use cases', 'core', 'shared'],
  core: ['core', 'shared'],
  shared: ['shared'],
  renderer: ['renderer', 'shared'],
};

/** Packages that only the shell may load: they need the Electron runtime. */
const ELECTRON_ONLY = new Set(['electron', 'electron-store']);

export function floorOf(relativePath) {
  const posix = relativePath.split(path.sep).join('/');
  return FLOORS.find((floor) => floor.match.test(posix))?.name;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'A floor imports only the floors below it (README, "Layout").' },
    schema: [],
    messages: {
      upward:
        '{{from}} may not import {{to}} ({{target}}): a floor imports only the floors below it.',
      electron: 'Only the shell (electron/system/, main.ts, preload.ts) may import "{{name}}".',
    },
  },
  create(context) {
    const file = path.relative(ROOT, context.filename);
    const from = floorOf(file);
    if (!from) return {};
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const spec = source.value;
      if (ELECTRON_ONLY.has(spec) && from !== 'shell') {
        context.report({ node, messageId: 'electron', data: { name: spec } });
        return;
      }
      if (!spec.startsWith('.')) return;
      const target = path.relative(ROOT, path.resolve(path.dirname(context.filename), spec));
      const to = floorOf(`${target}.ts`) ?? floorOf(target);
      if (to && !MAY[from].includes(to)) {
        context.report({ node, messageId: 'upward', data: { from, to, target } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

/** Relative imports of a file, types and re-exports included, read from its text (cached per run). */
const importsCache = new Map();
const IMPORT_RE =
  /(?:^|[\n;])\s*(?:import|export)\b[^'";]*?(?:from\s*)?['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function resolveImport(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')];
  if (base.endsWith('.js')) candidates.push(`${base.slice(0, -3)}.ts`);
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}

function importsIn(file, text) {
  const found = [];
  for (const match of text.matchAll(IMPORT_RE)) {
    const target = resolveImport(file, match[1] ?? match[2]);
    if (target) found.push(target);
  }
  return found;
}

function importsOf(file) {
  let found = importsCache.get(file);
  if (!found) {
    found = /\.tsx?$/.test(file) ? importsIn(file, readFileSync(file, 'utf8')) : [];
    importsCache.set(file, found);
  }
  return found;
}

/** A path of imports from `start` back to `start`, or undefined. */
export function findCycle(start) {
  const seen = new Set();
  const walk = (file, trail) => {
    for (const next of importsOf(file)) {
      if (next === start) return [...trail, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const cycle = walk(next, [...trail, next]);
      if (cycle) return cycle;
    }
    return undefined;
  };
  return walk(start, [start]);
}

const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'No import circles between files, type imports included.' },
    schema: [],
    messages: { cycle: 'Import circle: {{cycle}}' },
  },
  create(context) {
    return {
      'Program:exit'(node) {
        // This file as it is being linted (it may not be saved yet).
        importsCache.set(context.filename, importsIn(context.filename, context.sourceCode.text));
        const cycle = findCycle(context.filename);
        if (cycle) {
          const names = cycle.map((file) => path.relative(ROOT, file)).join(' → ');
          context.report({ node, messageId: 'cycle', data: { cycle: names } });
        }
      },
    };
  },
};

export default { rules: { floors: rule, 'no-cycle': noCycle } };
