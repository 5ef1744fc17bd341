// Playwright's global setup: a private copy of the built renderer for the whole run. `npm run build`
// empties dist/renderer before it writes it again (for seconds on a busy machine), so a build started
// elsewhere during a run (another terminal, another developer's `npm test` in the same tree) made the
// test server answer 404 for `/`. Each run serves the copy it took; a later build cannot reach it.
import { cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Where the worker fixtures find the copy (set here, inherited by the workers). */
export const RENDERER_DIR_ENV = 'AUTHDESK_TEST_RENDERER';

const BUILT = path.resolve(import.meta.dirname, '..', '..', '..', 'dist', 'renderer');
/** How long to wait for a build that is writing dist/renderer when the run starts. */
const SETTLE_LIMIT_MS = 120_000;

/** Every file under `dir` with its size and modification time, to tell whether a build touched it. */
async function listing(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const file = path.join(entry.parentPath, entry.name);
        const { size, mtimeMs } = await stat(file);
        return `${path.relative(dir, file)} ${size} ${mtimeMs}`;
      }),
  );
  return files.sort().join('\n');
}

const hasIndex = (listed: string) =>
  listed.split('\n').some((line) => line.startsWith('index.html '));

/** Copies dist/renderer once nothing changed it while it was copied; returns the teardown. */
export default async function copyRenderer(): Promise<() => Promise<void>> {
  const target = await mkdtemp(path.join(tmpdir(), 'authdesk-renderer-'));
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  const fail = async (message: string) => {
    await rm(target, { recursive: true, force: true });
    throw new Error(message);
  };
  for (;;) {
    let before: string;
    try {
      before = await listing(BUILT);
    } catch {
      return fail(`${BUILT} does not exist: run \`npm run build\` first (npm test does).`);
    }
    // Without index.html, a build is between emptying the folder and writing it: wait for it.
    if (hasIndex(before)) {
      await rm(target, { recursive: true, force: true });
      await cp(BUILT, target, { recursive: true });
      // The same files, unchanged, before and after the copy: no build wrote in between.
      if ((await listing(BUILT).catch(() => '')) === before) break;
    }
    if (Date.now() >= deadline) {
      return fail(`${BUILT} is incomplete or kept changing for ${SETTLE_LIMIT_MS / 1000} s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  process.env[RENDERER_DIR_ENV] = target;
  return () => rm(target, { recursive: true, force: true });
}
