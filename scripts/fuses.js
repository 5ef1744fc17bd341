// The Electron fuses electron-builder.yml asks for, read back from a packed binary. Used by the
// afterPack hook (after-pack.js) and, on the final binaries, by the release workflow:
//   node scripts/fuses.js release/linux-unpacked/authdesk [more binaries or .app bundles…]
// fuseMismatches is the comparison, unit-tested with fake wires in test/unit/packaging.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** electron-builder.yml's names → the fuse's place on the V1 wire (@electron/fuses FuseV1Options). */
export const FUSE_INDEX = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
};

/** Options in electronFuses that are not fuses. */
const NOT_FUSES = new Set(['resetAdHocDarwinSignature', 'strictlyRequireAllFuses']);

/** The bytes of a fuse's state on the wire (@electron/fuses FuseState). */
export const STATE = { off: 48, on: 49, removed: 114 };

function describe(state) {
  if (state === STATE.on) return 'on';
  if (state === STATE.off) return 'off';
  if (state === STATE.removed) return 'removed from this Electron';
  return state === undefined ? 'missing (the wire is shorter)' : `unknown state ${state}`;
}

/**
 * Every way `wire` (what getCurrentFuseWire returns: { version: '1', 0: 49, 1: 48, … }) differs from
 * `configured` (electron-builder.yml's electronFuses), one line each; [] when all are as configured.
 * A name this file does not know is a difference too: it would otherwise go unchecked.
 */
export function fuseMismatches(configured, wire) {
  if (String(wire.version) !== '1') return [`fuse wire version ${wire.version}, expected 1`];
  const problems = [];
  for (const [name, wanted] of Object.entries(configured)) {
    if (NOT_FUSES.has(name) || wanted === undefined || wanted === null) continue;
    const index = FUSE_INDEX[name];
    if (index === undefined) {
      problems.push(`${name}: not a fuse this check knows`);
      continue;
    }
    const state = wire[index];
    if (state !== (wanted ? STATE.on : STATE.off)) {
      problems.push(
        `${name}: configured ${wanted ? 'on' : 'off'}, the binary has ${describe(state)}`,
      );
    }
  }
  return problems;
}

/** The fuses of the Electron binary (or .app bundle) at `binary`, compared with `configured`. */
export async function verifyFuses(binary, configured) {
  const { getCurrentFuseWire } = await import('@electron/fuses');
  return fuseMismatches(configured, await getCurrentFuseWire(binary));
}

/** electronFuses from the repository's electron-builder.yml. */
export async function configuredFuses(
  file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'electron-builder.yml'),
) {
  const { parse } = await import('yaml');
  return parse(readFileSync(file, 'utf8')).electronFuses ?? {};
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const binaries = process.argv.slice(2);
  if (binaries.length === 0) {
    console.error('usage: node scripts/fuses.js <electron binary or .app> [...]');
    process.exit(2);
  }
  const configured = await configuredFuses();
  let failed = false;
  for (const binary of binaries) {
    const problems = await verifyFuses(binary, configured);
    if (problems.length) failed = true;
    console.log(
      problems.length
        ? `${binary}: fuses NOT as configured:\n  ${problems.join('\n  ')}`
        : `${binary}: fuses as configured`,
    );
  }
  process.exit(failed ? 1 : 0);
}
