// The tray menu's account icons (use-cases/tray-icons.ts through currentTrayMenu), on a real vault:
// a picture made smaller, a brand icon chosen or matched from the names drawn from simple-icons'
// SVG (in the menu's text colour where the brand's own is too faint), and none for the letter, our
// text badges or a picture the vault does not have. The PNG bytes themselves are checked: their
// size (16 and 32 px), that they are not empty, and their colours.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrandIcons } from '../../electron/icons/brand-icons';
import { iconPictureFrom, menuIconPng } from '../../electron/icons/icon-picture';
import type { MenuIconSource } from '../../electron/icons/icon-pictures';
import { TrayIcons } from '../../electron/use-cases/tray-icons';
import { currentTrayMenu, type TrayIcon, type TrayItem } from '../../electron/use-cases/tray-menu';
import { Vault } from '../../electron/vault/vault';
import { halves, pixel, pixelsOf, pngFile, RED, BLUE } from '../harness/icon-images';
import {
  FAST_KDF,
  PASSWORD,
  removeTempDir,
  sampleInput,
  tempVaultFile,
} from '../harness/vault-fixtures';

let dir: string;
let vault: Vault;
let dark = false;
let drawn: number;

/** The pipeline in this thread, counting what it draws (the worker is proven in icon-worker.test). */
const pictures = {
  menuIcon: (source: MenuIconSource, size: number) => {
    drawn++;
    return menuIconPng(source, size);
  },
};

function trayIcons(): TrayIcons {
  return new TrayIcons({
    pictures,
    brands: new BrandIcons(),
    iconImages: (hashes) => vault.iconImages(hashes),
    dark: () => dark,
  });
}

async function menu(icons: TrayIcons, recentIds: string[] = []) {
  const model = await currentTrayMenu({
    vault,
    settings: () => ({ language: 'en' }) as never,
    systemLanguage: () => 'en',
    recentIds: () => recentIds,
    icons: (accounts) => icons.forAccounts(accounts),
  });
  const byLabel = new Map<string, TrayIcon | undefined>();
  for (const item of model.items as TrayItem[]) {
    if (item.type === 'action' && item.action.kind === 'copy') byLabel.set(item.label, item.icon);
  }
  return byLabel;
}

/** A PNG's size from its header, after checking it is one. */
function sizeOf(png: Uint8Array): [number, number] {
  expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

/** The colours drawn (alpha over 200) in an icon, as hex, most used first. */
function colours(png: Uint8Array): string[] {
  const image = pixelsOf(png);
  const counts = new Map<string, number>();
  for (let i = 0; i < image.data.length; i += 4) {
    if (image.data[i + 3]! < 200) continue;
    const hex = [...image.data.subarray(i, i + 3)].map((v) => v.toString(16).padStart(2, '0'));
    counts.set(hex.join(''), (counts.get(hex.join('')) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([hex]) => hex);
}

beforeEach(async () => {
  const temp = await tempVaultFile();
  dir = temp.dir;
  vault = await Vault.create(temp.file, PASSWORD, { kdf: FAST_KDF });
  dark = false;
  drawn = 0;
});
afterEach(async () => {
  vault.lock();
  await removeTempDir(dir);
});

describe('icons in the tray menu', () => {
  it('draws a picture, a matched and a chosen brand at 16 and 32 px; none for the letter, a badge or a missing picture', async () => {
    const pinned = (n: number, issuer: string) =>
      vault.add(sampleInput(n, { issuer, label: 'alice', pinned: true }));
    const picture = await pinned(1, 'Intranet');
    await vault.setIconPicture(picture.id, await iconPictureFrom(pngFile(halves(300, 150))));
    await pinned(2, 'GitHub');
    const chosen = await pinned(3, 'Work wiki');
    await vault.update(chosen.id, { icon: { kind: 'brand', slug: 'dropbox' } });
    const letter = await pinned(4, 'GitLab');
    await vault.update(letter.id, { icon: { kind: 'letter' } });
    await pinned(5, 'Amazon Web Services');
    await pinned(6, 'My Own Server');
    const recent = await vault.add(sampleInput(7, { issuer: 'Dropbox', label: 'bob' }));

    const icons = await menu(trayIcons(), [recent.id]);
    const image = icons.get('Intranet (alice)')!;
    expect(sizeOf(image.x1)).toEqual([16, 16]);
    expect(sizeOf(image.x2)).toEqual([32, 32]);
    // Fitted and centred: the wide picture's left half red, right half blue, clear above.
    const small = pixelsOf(image.x1);
    expect(pixel(small, 2, 8)).toEqual([...RED]);
    expect(pixel(small, 13, 8)).toEqual([...BLUE]);
    expect(pixel(small, 8, 1)[3]).toBe(0);

    const github = icons.get('GitHub (alice)')!;
    expect(sizeOf(github.x2)).toEqual([32, 32]);
    expect(colours(github.x2)[0]).toBe('181717');
    for (const label of ['Work wiki (alice)', 'Dropbox (bob)']) {
      expect(colours(icons.get(label)!.x2)[0]).toBe('0061ff');
    }
    for (const label of [
      'GitLab (alice)',
      'Amazon Web Services (alice)',
      'My Own Server (alice)',
    ]) {
      expect(icons.has(label)).toBe(true);
      expect(icons.get(label)).toBeUndefined();
    }
  });

  it('draws a brand too faint for the menu in the menu’s text colour (GitHub dark, GitLab light)', async () => {
    await vault.add(sampleInput(1, { issuer: 'GitHub', label: 'alice', pinned: true }));
    await vault.add(sampleInput(2, { issuer: 'GitLab', label: 'alice', pinned: true }));
    let icons = await menu(trayIcons());
    expect(colours(icons.get('GitLab (alice)')!.x2)[0]).toBe('1f1f1f');
    dark = true;
    icons = await menu(trayIcons());
    expect(colours(icons.get('GitHub (alice)')!.x2)[0]).toBe('f1f1f1');
    expect(colours(icons.get('GitLab (alice)')!.x2)[0]).toBe('fc6d26');
  });

  it('draws each icon once for the menus that follow, and lists an account whose picture is gone without it', async () => {
    const a = await vault.add(sampleInput(1, { issuer: 'GitHub', label: 'a', pinned: true }));
    await vault.add(sampleInput(2, { issuer: 'GitHub', label: 'b', pinned: true }));
    const icons = trayIcons();
    await menu(icons);
    expect(drawn).toBe(2); // one brand, at two sizes, for both accounts
    await menu(icons);
    expect(drawn).toBe(2);
    // A picture the vault does not have (written by another version, say): no icon, no failure.
    const missing = { kind: 'image', hash: 'f'.repeat(64) } as const;
    const model = await trayIcons().forAccounts([{ ...vault.get(a.id), icon: missing }]);
    expect(model.size).toBe(0);
  });
});
