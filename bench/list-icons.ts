// Which icon each account of the bench's vault ends up showing, worked out on Node's side with the
// same brand matching the window uses (electron/icons/brand-icons.ts over shared/brand-icons): the
// page then knows when a row's icon has finished loading (bench/frames.ts).
import type { AccountMeta } from '../shared/account';
import { BrandIcons } from '../electron/icons/brand-icons';

/** By account id: 'letter', 'image', 'icon:<brand key>' or 'badge:<brand key>'. */
export function expectedIcons(accounts: readonly AccountMeta[]): Record<string, string> {
  const brands = new BrandIcons();
  const out: Record<string, string> = {};
  for (const account of accounts) {
    if (account.icon?.kind === 'image') {
      out[account.id] = 'image';
      continue;
    }
    const brand = brands.forAccount(account);
    out[account.id] = brand
      ? `${brand.kind === 'badge' ? 'badge' : 'icon'}:${brand.key}`
      : 'letter';
  }
  return out;
}

/** How many accounts show each kind of icon: the mix the rows are measured on. */
export function iconMix(icons: Record<string, string>): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const look of Object.values(icons)) {
    const kind = look.split(':')[0]!;
    mix[kind] = (mix[kind] ?? 0) + 1;
  }
  return mix;
}
