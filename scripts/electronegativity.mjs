// Runs Electronegativity (Doyensec's Electron security scanner) over the app's sources, offline, prints
// its findings as a table and fails on any finding above informational that the reviewed allowlist
// (electronegativity-allowlist.json beside this file) does not explain. `npm run lint:electron`.
//
// Why not its CLI: it exits 0 even with HIGH findings, fetches translations from the network before
// every run, writes its CSV asynchronously and its SARIF without severities. Its runner returns the
// same issue objects those files are written from, with severity and confidence; we read those.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALLOWLIST = path.join(REPO, 'scripts', 'electronegativity-allowlist.json');
/** What is scanned: main, preload and the CLI, the renderer (with its index.html CSP), shared code. */
const SCANNED = ['electron', 'renderer', 'shared', 'package.json'];
/** It compares the Electron version with the list of releases on GitHub: network, so off here. */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const require = createRequire(import.meta.url);
const toolDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));

// Offline: the runner asks `got` for translations (and the excluded check for Electron releases).
// Answer as a server without them would, so it keeps the English texts it ships, and nothing leaves.
const gotPath = createRequire(path.join(toolDir, 'package.json')).resolve('got');
const offline = async () => ({ statusCode: 404, body: '' });
offline.head = offline;
offline.get = offline;
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
process.env.LANG = 'en-US';
const run = require(path.join(toolDir, 'dist', 'runner.js'));

/**
 * Its global checks (CSP, navigation limits, permission handler) need every file in one run, and
 * walking the repository would walk node_modules too; so the scanned parts are copied into one folder.
 */
function stage() {
  const dir = mkdtempSync(path.join(tmpdir(), 'authdesk-electronegativity-'));
  for (const part of SCANNED)
    cpSync(path.join(REPO, part), path.join(dir, part), { recursive: true });
  return dir;
}

function loadAllowlist() {
  const entries = JSON.parse(readFileSync(ALLOWLIST, 'utf8'));
  for (const entry of entries) {
    if (typeof entry.check !== 'string' || typeof entry.file !== 'string' || !entry.why?.trim()) {
      throw new Error(`${ALLOWLIST}: every entry needs "check", "file" and a one-line "why".`);
    }
  }
  return entries.map((entry) => ({ ...entry, used: false }));
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const electronVersion = JSON.parse(
  readFileSync(require.resolve('electron/package.json'), 'utf8'),
).version;
const allowlist = loadAllowlist();
// A folder given on the command line is scanned as it is (test/unit/electronegativity.test.ts).
const given = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
const root = given ?? stage();
let result;
try {
  result = await run({
    input: root,
    electronVersionOverride: electronVersion, // without it, it assumes Electron 0.1
    isRelative: true,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS,
    parserPlugins: [],
  });
} finally {
  if (!given) rmSync(root, { recursive: true, force: true });
}

let failures = 0;
const rows = [['severity', 'confidence', 'check', 'where', 'verdict']];
for (const issue of result.issues) {
  const where = issue.file === 'N/A' ? '(whole app)' : `${issue.file}:${issue.location.line}`;
  let verdict = 'informational';
  if (issue.severity.name !== 'INFORMATIONAL') {
    // One entry explains one finding: a second finding of the same check in the same file fails.
    const entry = allowlist.find((e) => !e.used && e.check === issue.id && e.file === issue.file);
    if (entry) {
      entry.used = true;
      verdict = `allowed: ${entry.why}`;
    } else {
      failures++;
      verdict = `FAIL: ${issue.description}`;
    }
  }
  rows.push([issue.severity.name, issue.confidence.name, issue.id, where, verdict]);
}

console.log(
  `electronegativity ${require(path.join(toolDir, 'package.json')).version} on ${given ?? SCANNED.join(', ')}` +
    ` (Electron ${electronVersion}; ${result.atomicChecks} atomic and ${result.globalChecks} global checks)`,
);
console.log(result.issues.length ? table(rows) : 'no findings');

// A file it could not parse is a file none of its checks looked at.
for (const error of result.errors) {
  console.error(
    `${error.tolerable ? 'warning' : 'error'}: could not parse ${path.relative(root, error.file)}: ${error.message}`,
  );
  if (!error.tolerable) failures++;
}
for (const entry of allowlist.filter((e) => !e.used)) {
  console.error(
    `error: allowlist entry ${entry.check} in ${entry.file} matches no finding: remove it`,
  );
  failures++;
}
const counts = {};
for (const issue of result.issues)
  counts[issue.severity.name] = (counts[issue.severity.name] ?? 0) + 1;
console.log(
  `findings by severity: ${JSON.stringify(counts)}; ${failures} problem${failures === 1 ? '' : 's'}`,
);
process.exitCode = failures ? 1 : 0;
