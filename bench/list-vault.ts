// The list benchmarks' vault, made before the harness starts: 1,000 accounts (list-data.ts) with their
// tags and pictures (list-pictures.ts, kept in the vault's icon store) at the harness's test KDF cost,
// and which icon each ends up showing (list-icons.ts) for the page to wait on.
import { Vault } from '../electron/vault/vault';
import { TEST_KDF } from '../test/harness/browser/harness';
import { asInput, listAccounts, PICTURES } from './list-data';
import { makePicture } from './list-pictures';
import { expectedIcons, iconMix } from './list-icons';

let mixShown = false;

/** Creates the vault at `file`, locked; returns the icon each account shows, by id. */
export async function makeListVault(
  file: string,
  password: string,
  n: number,
): Promise<Record<string, string>> {
  const vault = await Vault.create(file, password, { kdf: TEST_KDF });
  const pictures = Array.from({ length: PICTURES }, (_, i) => makePicture(i));
  const inputs = listAccounts(n).map((account) =>
    account.picture === undefined
      ? asInput(account)
      : {
          ...asInput(account),
          icon: { kind: 'image' as const, hash: pictures[account.picture]!.hash },
        },
  );
  const { added } = await vault.addMany(inputs, {
    pictures: new Map(pictures.map((p) => [p.hash, p.png])),
  });
  if (added.length !== n) throw new Error(`the vault took ${added.length} of ${n} accounts`);
  const icons = expectedIcons(vault.list());
  const tagged = vault.list().filter((a) => a.tags?.length).length;
  vault.lock();
  if (!mixShown) {
    mixShown = true;
    const sizes = pictures.map((p) => p.png.length);
    console.error(
      `list benchmarks: ${n} accounts, icons ${JSON.stringify(iconMix(icons))}, ` +
        `${PICTURES} pictures of ${Math.min(...sizes)}–${Math.max(...sizes)} bytes, ${tagged} tagged`,
    );
  }
  return icons;
}
