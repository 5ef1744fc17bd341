// The floors of electron/ and the no-circle rule, proven with the project's own ESLint config: a
// backwards import and an import circle (types included) fail `npm run lint`.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { floorOf } from '../../scripts/eslint-floors.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: REPO });

/** The floor and circle findings for `text` linted as the file at `relativePath` (nothing is written). */
async function lintAs(relativePath: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(REPO, relativePath) });
  return result!.messages
    .filter((m) => m.ruleId?.startsWith('authdesk/'))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the floors', () => {
  it('knows the floor of each folder', () => {
    expect(floorOf('electron/main.ts')).toBe('shell');
    expect(floorOf('electron/composition.ts')).toBe('shell');
    expect(floorOf('electron/system/window.ts')).toBe('shell');
    expect(floorOf('electron/ipc/handlers.ts')).toBe('door ipc');
    expect(floorOf('electron/cli/commands/code.ts')).toBe('door cli');
    expect(floorOf('electron/use-cases/backup.ts')).toBe('use cases');
    expect(floorOf('electron/vault/vault.ts')).toBe('core');
    expect(floorOf('electron/import/formats/aegis.ts')).toBe('core');
    expect(floorOf('electron/ports.ts')).toBe('core');
    expect(floorOf('shared/account.ts')).toBe('shared');
    expect(floorOf('renderer/main.tsx')).toBe('renderer');
  });

  it('fails a core file that imports a use case, a door, the shell, or Electron', async () => {
    const messages = await lintAs(
      'electron/qr/upward.ts',
      [
        "import type { Transfers } from '../use-cases/transfers';",
        "import type { Handlers } from '../ipc/handlers';",
        "import type { Services } from '../composition';",
        "import { app } from 'electron';",
        '',
        'export type All = [Transfers, Handlers, Services, typeof app];',
        '',
      ].join('\n'),
    );
    expect(messages).toEqual([
      expect.stringContaining('core may not import use cases'),
      expect.stringContaining('core may not import door ipc'),
      expect.stringContaining('core may not import shell'),
      expect.stringContaining('Only the shell'),
    ]);
  }, 60_000);

  it('fails a door that imports the other door, and shared code that imports electron/', async () => {
    expect(
      await lintAs(
        'electron/ipc/peer.ts',
        "import type { CliContext } from '../cli/context';\n\nexport type C = CliContext;\n",
      ),
    ).toEqual([expect.stringContaining('door ipc may not import door cli')]);
    expect(
      await lintAs(
        'shared/backwards.ts',
        "import type { Vault } from '../electron/vault/vault';\n\nexport type V = Vault;\n",
      ),
    ).toEqual([expect.stringContaining('shared may not import core')]);
  }, 60_000);

  it('passes imports that go down: a use case to the core, a door to a use case', async () => {
    expect(
      await lintAs(
        'electron/use-cases/down.ts',
        "import type { Vault } from '../vault/vault';\n\nexport type V = Vault;\n",
      ),
    ).toEqual([]);
    expect(
      await lintAs(
        'electron/cli/down.ts',
        "import type { Transfers } from '../use-cases/transfers';\n\nexport type T = Transfers;\n",
      ),
    ).toEqual([]);
  }, 60_000);
});

describe('no import circles', () => {
  it('fails two files that import each other, even with type imports only', async () => {
    const linter = new ESLint({ cwd: REPO, ignore: false });
    const results = await linter.lintFiles(['test/fixtures/lint-cycle/a.ts']);
    expect(results[0]!.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([
      'authdesk/no-cycle: Import circle: test/fixtures/lint-cycle/a.ts → test/fixtures/lint-cycle/b.ts → test/fixtures/lint-cycle/a.ts',
    ]);
  }, 60_000);
});
