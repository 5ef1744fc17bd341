// Tags on the command line, spawned as a user runs it on a real vault in a temp folder: `add --tag`,
// `list` with its TAGS column, --tag and --untagged, and `tags` (list, rename and merge, remove);
// bad input gets a clear message and the exit code of its kind, and changes nothing.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../shared/account';
import { Vault } from '../../electron/vault/vault';
import { assertBuilt, runCli } from '../harness/cli';
import { aegisDb, aegisPlainFile, SAMPLE_ACCOUNTS } from '../harness/import-samples';
import {
  makeTempDir,
  openUnlocked,
  removeTempDir,
  sampleInput,
  TINY_KDF,
} from '../harness/vault-fixtures';

const PASSWORD = 'vault password for tag tests';
let dir: string;
let count = 0;

async function makeVault(inputs: AccountInput[], tags: string[] = []): Promise<string> {
  const file = path.join(dir, `vault-${count++}.json`);
  const vault = await Vault.create(file, PASSWORD, { kdf: TINY_KDF });
  for (const name of tags) await vault.createTag(name);
  if (inputs.length > 0) await vault.addMany(inputs);
  vault.lock();
  return file;
}

const cli = (vault: string, args: string[]) =>
  runCli(['--vault', vault, '--password-stdin', '--no-agent', ...args], { stdin: `${PASSWORD}\n` });

async function contents(vault: string) {
  const opened = await openUnlocked(vault, PASSWORD);
  const result = {
    tags: opened.tags(),
    accounts: opened.list().map((a) => [a.issuer, a.tags ?? []] as const),
  };
  opened.lock();
  return result;
}

beforeAll(async () => {
  assertBuilt();
  dir = await makeTempDir();
});
afterAll(() => removeTempDir(dir));

describe('authdesk add --tag and list', () => {
  it('adds with tags (repeatable, in the spelling the vault has), lists them, and filters by them', async () => {
    const vault = await makeVault([sampleInput('Bank')], ['Work']);
    const added = await cli(vault, [
      'add',
      '--secret',
      'JBSWY3DPEHPK3PXP',
      '--issuer',
      'GitHub',
      '--label',
      'alice',
      '--tag',
      'work',
      '--tag',
      ' Open  source ',
    ]);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toContain('Added "GitHub (alice)" with the tags Work, Open source.');
    expect(await contents(vault)).toEqual({
      tags: ['Work', 'Open source'],
      accounts: [
        ['IssuerBank', []],
        ['GitHub', ['Work', 'Open source']],
      ],
    });

    const list = await cli(vault, ['list']);
    expect(list.status, list.stderr).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ISSUER +ACCOUNT +CODE +LEFT +TAGS$/);
    expect(lines[2]).toMatch(/^GitHub +alice +\d{6} +\d+s +Work, Open source$/);

    const tagged = await cli(vault, ['list', '--tag', 'WORK', '--json']);
    expect(tagged.status, tagged.stderr).toBe(0);
    expect(JSON.parse(tagged.stdout).map((a: { issuer: string }) => a.issuer)).toEqual(['GitHub']);
    const both = await cli(vault, ['list', '--tag', 'work', '--tag', 'open source', '--json']);
    expect(JSON.parse(both.stdout)).toHaveLength(1);
    const untagged = await cli(vault, ['list', '--untagged', '--json']);
    expect(JSON.parse(untagged.stdout).map((a: { issuer: string }) => a.issuer)).toEqual([
      'IssuerBank',
    ]);
  });

  it('refuses a tag no account has (exit 4, naming the tags), --tag with --untagged and an empty name (exit 2)', async () => {
    const vault = await makeVault([sampleInput(1, { tags: ['Work'] })]);
    const unknown = await cli(vault, ['list', '--tag', 'Home']);
    expect(unknown.status).toBe(4);
    expect(unknown.stderr).toContain('The vault has no tag "Home". Tags: Work.');
    const mixed = await cli(vault, ['list', '--tag', 'Work', '--untagged']);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain('--untagged cannot be combined with --tag.');
    const before = await readFile(vault);
    const empty = await cli(vault, [
      'add',
      '--secret',
      'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
      '--issuer',
      'X',
      '--tag',
      '  ',
    ]);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('A tag name must not be empty.');
    const many = await cli(vault, [
      'add',
      '--secret',
      'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
      '--issuer',
      'X',
      ...Array.from({ length: 21 }, (_, i) => ['--tag', `t${i}`]).flat(),
    ]);
    expect(many.status).toBe(9);
    expect(many.stderr).toContain('at most 20 tags');
    expect(await readFile(vault)).toEqual(before);
  });
});

describe('authdesk import', () => {
  it("shows each account's tags in the preview and adds them to the vault's list", async () => {
    const vault = await makeVault([], ['Work']);
    const file = path.join(dir, 'aegis-export.json');
    await writeFile(file, aegisPlainFile(aegisDb(SAMPLE_ACCOUNTS)));
    const imported = await cli(vault, ['import', file, '--yes']);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(
      /GitHub \(alice\) {2}\(TOTP SHA1 6 digits, 30 s\) {2}\[Work, Open source\]/,
    );
    expect(imported.stdout).toMatch(
      /ヤフー \(山田太郎\) {2}\(TOTP SHA1 6 digits, 30 s\) {2}\[個人\]/,
    );
    const { tags, accounts } = await contents(vault);
    expect(tags).toEqual(['Work', 'Open source', '個人']);
    expect(accounts.filter(([, t]) => t.length > 0)).toEqual([
      ['GitHub', ['Work', 'Open source']],
      ['ヤフー', ['個人']],
    ]);
  });
});

describe('authdesk tags', () => {
  it('lists the tags with their accounts (unused ones too), as a table or JSON', async () => {
    const vault = await makeVault(
      [sampleInput(1, { tags: ['Work', 'Home'] }), sampleInput(2, { tags: ['Work'] })],
      ['Unused'],
    );
    const table = await cli(vault, ['tags']);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toBe('TAG     ACCOUNTS\nUnused  0\nWork    2\nHome    1\n');
    const json = await cli(vault, ['tags', 'list', '--json']);
    expect(JSON.parse(json.stdout)).toEqual([
      { name: 'Unused', accounts: 0 },
      { name: 'Work', accounts: 2 },
      { name: 'Home', accounts: 1 },
    ]);
  });

  it('renames a tag everywhere, merges it into an existing one, and removes one with --yes', async () => {
    const vault = await makeVault([
      sampleInput(1, { tags: ['Work', 'Home'] }),
      sampleInput(2, { tags: ['Job'] }),
    ]);
    const renamed = await cli(vault, ['tags', 'rename', 'work', 'Office']);
    expect(renamed.status, renamed.stderr).toBe(0);
    expect(renamed.stdout).toBe('Renamed the tag "Work" to "Office" (1 account).\n');
    const merged = await cli(vault, ['tags', 'rename', 'Job', 'OFFICE']);
    expect(merged.stdout).toBe('Merged the tag "Job" into "Office": 1 account moved.\n');
    expect(await contents(vault)).toEqual({
      tags: ['Office', 'Home'],
      accounts: [
        ['Issuer1', ['Office', 'Home']],
        ['Issuer2', ['Office']],
      ],
    });
    const removed = await cli(vault, ['tags', 'remove', 'office', '--yes']);
    expect(removed.stdout).toBe('Removed the tag "Office" (it was on 2 accounts).\n');
    expect(await contents(vault)).toEqual({
      tags: ['Home'],
      accounts: [
        ['Issuer1', ['Home']],
        ['Issuer2', []],
      ],
    });
  });

  it('changes nothing on bad input: an unknown tag (4), no --yes without a terminal (2), a mistyped subcommand (2)', async () => {
    const vault = await makeVault([sampleInput(1, { tags: ['Work'] })]);
    const before = await readFile(vault);
    const gone = await cli(vault, ['tags', 'rename', 'Home', 'Away']);
    expect(gone.status).toBe(4);
    expect(gone.stderr).toContain('The vault has no tag "Home". Tags: Work.');
    const unasked = await cli(vault, ['tags', 'remove', 'Work']);
    expect(unasked.status).toBe(2);
    expect(unasked.stderr).toContain('Add --yes to confirm.');
    const typo = await runCli(['tags', 'renam', 'a', 'b']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('did you mean "tags rename"?');
    const missing = await runCli(['tags', 'rename', 'only-one']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Wrong number of arguments for "tags rename"');
    expect(await readFile(vault)).toEqual(before);
  });

  it('has its own help: the subcommands, and each one’s options and exit codes', async () => {
    const help = await runCli(['tags', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^ {2}rename +rename a tag everywhere/m);
    const rename = await runCli(['tags', 'rename', '--help']);
    expect(rename.stdout).toContain('authdesk tags rename OLD NEW');
    expect(rename.stdout).toMatch(/^ {2}4 +no account matches the query \(tags: /m);
    const remove = await runCli(['help', 'tags', 'remove']);
    expect(remove.stdout).toMatch(/^ {2}--yes +remove without asking/m);
  });
});
