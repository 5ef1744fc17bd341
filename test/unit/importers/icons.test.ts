// Icons other apps' exports carry, as each importer reads them: 2FAS's icon object (a collection
// icon as the brand its service's name says; its label left to the automatic match), Ente's codeDisplay (a simple-icons
// key as that brand, its own custom icons left to the automatic match), Authenticator Pro's icon
// names and its CustomIcons pictures, andOTP's thumbnails. A name that is no brand of ours leaves the
// account to the automatic match; a damaged picture costs only its icon.
import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../../electron/import/formats';
import { withIconPictures } from '../../../electron/import/import-icons';
import { iconPictureFrom } from '../../../electron/icons/icon-picture';
import { iconHash } from '../../../electron/icons/icon-png';
import type { AccountInput } from '../../../shared/account';
import { halves, pngFile } from '../../harness/icon-images';
import { andotpEntry, andotpJsonFile, twofasService, utf8 } from '../../harness/import-samples';
import { sampleInput } from '../../harness/vault-fixtures';

const named = (n: number, issuer: string): AccountInput =>
  sampleInput(n, { issuer, label: `user${n}` });
const iconsOf = (found: Awaited<ReturnType<typeof readImportFile>>) =>
  found.accounts.map((a) => a.input.icon);
/** The pipeline in this thread (the worker is proven elsewhere). */
const make = (bytes: Uint8Array) => iconPictureFrom(bytes);

describe('2FAS', () => {
  it('reads a collection icon as the brand its service names, and leaves its label to the automatic match', async () => {
    const service = (n: number, issuer: string, icon: unknown) => ({
      ...twofasService(named(n, issuer), n),
      icon,
    });
    const collection = { selected: 'IconCollection', iconCollection: { id: 'a5b3fb65' } };
    const file = utf8(
      JSON.stringify({
        schemaVersion: 4,
        appVersionCode: 5000000,
        groups: [],
        services: [
          service(1, 'GitHub', collection),
          service(2, 'Dropbox', {
            selected: 'Label',
            label: { text: 'DB', backgroundColor: 'Orange' },
          }),
          service(3, 'My Own Server', collection),
          service(4, 'GitLab', null),
          service(5, 'Amazon Web Services', collection),
        ],
      }),
    );
    const found = await readImportFile(file, 'backup.2fas');
    expect(iconsOf(found)).toEqual([
      { kind: 'brand', slug: 'github' },
      undefined,
      undefined,
      undefined,
      { kind: 'brand', slug: 'aws' },
    ]);
    expect(found.problems).toEqual([]);
  });
});

describe('Ente', () => {
  const line = (issuer: string, display: object) =>
    `otpauth://totp/${issuer}:alice?secret=JBSWY3DPEHPK3PXP&issuer=${issuer}&codeDisplay=${encodeURIComponent(JSON.stringify({ tags: [], ...display }))}`;

  it('reads a simple-icons key as that brand, and leaves its own custom icons to the automatic match', async () => {
    const text = [
      line('Git', { iconSrc: 'simpleIcon', iconID: 'github' }),
      line('Box', { iconSrc: 'simpleIcon', iconID: 'Dropbox' }),
      line('Ente', { iconSrc: 'customIcon', iconID: 'ente' }),
      line('Nothing', { iconSrc: 'simpleIcon', iconID: 'no-such-brand-anywhere' }),
      line('Plain', {}),
    ].join('\n');
    const found = await readImportFile(utf8(text), 'ente-codes.txt');
    expect(iconsOf(found)).toEqual([
      { kind: 'brand', slug: 'github' },
      { kind: 'brand', slug: 'dropbox' },
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('Authenticator Pro', () => {
  const authenticator = (n: number, issuer: string, icon: string | null) => {
    const input = named(n, issuer);
    return {
      Type: 2,
      Icon: icon,
      Issuer: input.issuer,
      Username: input.label,
      Secret: input.secret,
      Algorithm: 0,
      Digits: 6,
      Period: 30,
      Counter: 0,
    };
  };

  it('reads its icon names as brands and its custom icons as pictures; a damaged one costs only the icon', async () => {
    const logo = pngFile(halves(120, 60));
    const file = utf8(
      JSON.stringify({
        Authenticators: [
          authenticator(1, 'Google', 'google'),
          authenticator(2, 'Work', '@d00dfeed'),
          authenticator(3, 'GitHub', 'github_dark'),
          authenticator(4, 'Broken', '@0badf00d'),
          authenticator(5, 'Nobody', '@not-in-the-file'),
          authenticator(6, 'Plain', null),
        ],
        Categories: [],
        AuthenticatorCategories: [],
        CustomIcons: [
          { Id: 'd00dfeed', Data: Buffer.from(logo).toString('base64') },
          { Id: '0badf00d', Data: Buffer.from(logo.slice(0, 40)).toString('base64') },
        ],
      }),
    );
    const found = await withIconPictures(await readImportFile(file, 'backup.authpro'), make);
    const expected = iconHash(await iconPictureFrom(logo));
    expect(iconsOf(found)).toEqual([
      { kind: 'brand', slug: 'google' },
      { kind: 'image', hash: expected },
      { kind: 'brand', slug: 'github' },
      undefined,
      undefined,
      undefined,
    ]);
    expect([...found.pictures!.keys()]).toEqual([expected]);
    expect(found.problems.map((p) => [p.code, p.detail, p.iconOnly])).toEqual([
      ['ICON_UNREADABLE', 'entry 4: Broken (user4)', true],
    ]);
    expect(found.accounts).toHaveLength(6);
  });
});

describe('andOTP', () => {
  it('reads its thumbnails as brands, and Default as none', async () => {
    const entry = (n: number, issuer: string, thumbnail: string) => ({
      ...andotpEntry(named(n, issuer)),
      thumbnail,
    });
    const file = andotpJsonFile([
      entry(1, 'GitHub', 'Github'),
      entry(2, 'Something', 'Default'),
      entry(3, 'Else', 'NoSuchIconAnywhere'),
    ]);
    const found = await readImportFile(file, 'otp_accounts.json');
    expect(iconsOf(found)).toEqual([{ kind: 'brand', slug: 'github' }, undefined, undefined]);
  });
});
