// `authdesk icon`, spawned as a user runs it on a real vault: a picture file (decoded in the built CLI's
// icon worker, kept in the vault, once for two accounts), --brand, --letter and --auto; and an Aegis
// export's icons carried by `authdesk import`. Bad input gets a clear message and the exit code of
// its kind, and changes nothing.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iconPictureFrom } from '../../electron/icons/icon-picture';
import { iconHash } from '../../electron/icons/icon-png';
import { Vault } from '../../electron/vault/vault';
import type { AccountInput } from '../../shared/account';
import { assertBuilt, runCli } from '../harness/cli';
import { halves, pngFile, squareSvg } from '../harness/icon-images';
import { aegisEntry, aegisPlainFile } from '../harness/import-samples';
import {
  makeTempDir,
  openUnlocked,
  removeTempDir,
  sampleInput,
  TINY_KDF,
} from '../harness/vault-fixtures';

const PASSWORD = 'vault password for icon tests';
let dir: string;
let count = 0;

async function makeVault(inputs: AccountInput[]): Promise<string> {
  const file = path.join(dir, `vault-${count++}.json`);
  const vault = await Vault.create(file, PASSWORD, { kdf: TINY_KDF });
  if (inputs.length > 0) await vault.addMany(inputs);
  vault.lock();
  return file;
}

const cli = (vault: string, args: string[]) =>
  runCli(['--vault', vault, '--password-stdin', '--no-agent', ...args], { stdin: `${PASSWORD}\n` });

async function stored(vault: string) {
  const opened = await openUnlocked(vault, PASSWORD);
  const result = {
    icons: opened.list().map((a) => a.icon),
    pictures: Object.keys(opened.contents().icons),
  };
  opened.lock();
  return result;
}

beforeAll(async () => {
  assertBuilt();
  dir = await makeTempDir();
});
afterAll(() => removeTempDir(dir));

describe('authdesk icon', () => {
  it('sets a picture (kept once for two accounts), a brand, the letter, and back to automatic', async () => {
    const vault = await makeVault([
      sampleInput('Intranet', { issuer: 'Intranet', label: 'alice' }),
      sampleInput('Wiki', { issuer: 'Wiki', label: 'alice' }),
    ]);
    const picture = path.join(dir, 'logo.png');
    const file = pngFile(halves(300, 150));
    await writeFile(picture, file);
    const hash = iconHash(await iconPictureFrom(file));

    const first = await cli(vault, ['icon', 'Intranet', picture]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('"Intranet (alice)" now shows the picture from');
    expect((await cli(vault, ['icon', 'Wiki', picture])).status).toBe(0);
    expect(await stored(vault)).toEqual({
      icons: [
        { kind: 'image', hash },
        { kind: 'image', hash },
      ],
      pictures: [hash],
    });

    const brand = await cli(vault, ['icon', 'Intranet', '--brand', 'GitLab']);
    expect(brand.stdout).toContain('now shows the GitLab icon');
    await cli(vault, ['icon', 'Wiki', '--letter']);
    expect(await stored(vault)).toEqual({
      icons: [{ kind: 'brand', slug: 'gitlab' }, { kind: 'letter' }],
      pictures: [],
    });
    expect((await cli(vault, ['icon', 'Wiki', '--auto'])).status).toBe(0);
    expect((await stored(vault)).icons).toEqual([{ kind: 'brand', slug: 'gitlab' }, undefined]);
  });

  it('refuses a damaged or unsafe picture, an unknown brand and a missing choice, changing nothing', async () => {
    const vault = await makeVault([sampleInput('Intranet', { issuer: 'Intranet' })]);
    const broken = path.join(dir, 'broken.png');
    await writeFile(broken, pngFile(halves(64, 64)).slice(0, 60));
    const entity = path.join(dir, 'entity.svg');
    await writeFile(entity, squareSvg().replace('<svg', '<!DOCTYPE svg [<!ENTITY x "y">]><svg'));

    for (const file of [broken, entity]) {
      const result = await cli(vault, ['icon', 'Intranet', file]);
      expect(result.status).toBe(10);
      expect(result.stderr).toMatch(/PNG image is damaged|SVG picture cannot be used: it declares/);
    }
    const missing = await cli(vault, ['icon', 'Intranet', path.join(dir, 'nowhere.png')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nowhere.png');
    const unknown = await cli(vault, ['icon', 'Intranet', '--brand', 'gitlub']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('There is no brand icon "gitlub". Did you mean');
    const none = await cli(vault, ['icon', 'Intranet']);
    expect(none.status).toBe(2);
    const two = await cli(vault, ['icon', 'Intranet', '--letter', '--auto']);
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('exactly one of');
    expect(await stored(vault)).toEqual({ icons: [undefined], pictures: [] });
  });
});

describe('authdesk import', () => {
  it('keeps an Aegis export’s icons, and imports the account of a broken one without it', async () => {
    const vault = await makeVault([]);
    const svg = squareSvg('#1428c8');
    const entry = (input: AccountInput, icon: Uint8Array) => ({
      ...aegisEntry(input),
      icon: Buffer.from(icon).toString('base64'),
      icon_mime: 'image/svg+xml',
    });
    const file = path.join(dir, 'aegis.json');
    await writeFile(
      file,
      aegisPlainFile({
        version: 3,
        groups: [],
        entries: [
          entry(sampleInput(1), Buffer.from(svg)),
          entry(sampleInput(2), Buffer.from('<svg><!ENTITY')),
        ],
      }),
    );
    const result = await cli(vault, ['import', file, '--yes']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('The account is imported without this icon.');
    const hash = iconHash(await iconPictureFrom(Buffer.from(svg)));
    expect(await stored(vault)).toEqual({
      icons: [{ kind: 'image', hash }, undefined],
      pictures: [hash],
    });
  });
});
