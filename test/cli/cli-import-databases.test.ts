// `authdesk import <file> --json` on app databases and Authy files made here: the built command reads
// them as the importers do (sql.js loaded from the installed package by the CLI bundle too).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../electron/vault/vault';
import { assertBuilt, runCli } from '../harness/cli';
import { makeTempDir, removeTempDir, TINY_KDF } from '../harness/vault-fixtures';

const VAULT_PASSWORD = 'vault password for database imports';
let dir: string;

beforeAll(async () => {
  assertBuilt();
  dir = await makeTempDir();
});
afterAll(async () => {
  await removeTempDir(dir);
});

async function emptyVault(name: string): Promise<string> {
  const file = path.join(dir, name);
  (await Vault.create(file, VAULT_PASSWORD, { kdf: TINY_KDF })).lock();
  return file;
}

async function importJson(file: string, vault: string) {
  const result = await runCli(
    ['--vault', vault, '--password-stdin', 'import', file, '--yes', '--json'],
    { stdin: `${VAULT_PASSWORD}\n` },
  );
  return { ...result, json: JSON.parse(result.stdout) as Record<string, unknown> };
}

describe('authdesk import on app databases', () => {
  it('imports a Microsoft Authenticator PhoneFactor database and names the work account', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run(
      'CREATE TABLE accounts (_id INTEGER PRIMARY KEY, name TEXT, username TEXT, oath_secret_key TEXT, account_type INTEGER, encrypted_oath_secret_key TEXT)',
    );
    db.run("INSERT INTO accounts VALUES (1, 'GitHub', 'alice', 'JBSWY3DPEHPK3PXP', 0, NULL)");
    db.run("INSERT INTO accounts VALUES (2, 'Contoso', 'alice@contoso.com', NULL, 2, NULL)");
    const file = path.join(dir, 'PhoneFactor');
    await writeFile(file, db.export());
    db.close();
    const { status, json } = await importJson(file, await emptyVault('ms.json'));
    expect(status).toBe(0);
    expect(json.format).toBe('microsoft-authenticator');
    expect(json.added).toEqual([{ issuer: 'GitHub', label: 'alice' }]);
    expect((json.problems as { code: string }[]).map((p) => p.code)).toEqual(['ACCOUNT_PUSH_ONLY']);
  });

  it('imports an Authy preferences file', async () => {
    const tokens = [
      {
        accountType: 'authenticator',
        decryptedSecret: 'JBSWY3DPEHPK3PXP',
        digits: 6,
        name: 'GitHub: bob',
      },
    ];
    const xml =
      "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n" +
      `<string name="com.authy.storage.tokens.authenticator.key">${JSON.stringify(tokens).replace(/"/g, '&quot;')}</string>\n</map>\n`;
    const file = path.join(dir, 'com.authy.storage.tokens.authenticator.xml');
    await writeFile(file, xml);
    const { status, json } = await importJson(file, await emptyVault('authy.json'));
    expect(status).toBe(0);
    expect(json.format).toBe('authy');
    expect(json.added).toEqual([{ issuer: 'GitHub', label: 'bob' }]);
  });
});
