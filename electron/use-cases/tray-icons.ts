// The icons of the accounts the tray menu lists, as PNG bytes at 16 px and 32 px (a 2× screen): an
// account's picture made smaller (from the vault's store), a brand icon (chosen or matched from its
// names, as the window shows it) drawn from its SVG in the brand's colour, or in the menu's text
// colour where the brand's own is too faint there. The letter, our text badges (text needs a font
// the renderer has and this side does not) and pictures the vault does not have: no icon.
import type { AccountIcon } from '../../shared/account-icon';
import { brandSvg, type BrandIcons } from '../icons/brand-icons';
import type { IconPictures, MenuIconSource } from '../icons/icon-pictures';
import type { TrayAccount, TrayIcon } from './tray-menu';

/** Menu icons are drawn at this size, and at twice it for 2× screens. */
export const TRAY_ICON_SIZE = 16;
/** Drawn icons kept for the next menu (the same accounts are listed again and again). */
const CACHE_MAX = 64;
/** The menu's text colour in each theme, for a brand whose own colour is too faint there. */
const MENU_TEXT = { light: '#1f1f1f', dark: '#f1f1f1' } as const;

export interface TrayIconDeps {
  /** The picture pipeline (its worker in the app). */
  pictures: Pick<IconPictures, 'menuIcon'>;
  brands: Pick<BrandIcons, 'forAccount'>;
  /** The vault's kept pictures by hash, as data: URLs (Vault.iconImages). */
  iconImages: (hashes: readonly string[]) => Record<string, string>;
  /** Whether menus are dark now (nativeTheme in the app). */
  dark: () => boolean;
  /** Told when an icon could not be drawn (that account is listed without it). */
  onError?: (error: unknown) => void;
}

export class TrayIcons {
  readonly #cache = new Map<string, Promise<TrayIcon | null>>();

  constructor(private readonly deps: TrayIconDeps) {}

  /** The icons of `accounts` by account id; an account that has none is left out. */
  async forAccounts(accounts: readonly TrayAccount[]): Promise<Map<string, TrayIcon>> {
    const drawn = await Promise.all(
      accounts.map(async (account) => [account.id, await this.#iconOf(account)] as const),
    );
    return new Map(drawn.flatMap(([id, icon]) => (icon ? [[id, icon] as const] : [])));
  }

  #iconOf(account: TrayAccount): Promise<TrayIcon | null> {
    const source = this.#sourceOf(account);
    if (!source) return Promise.resolve(null);
    let icon = this.#cache.get(source.key);
    if (!icon) {
      if (this.#cache.size >= CACHE_MAX) this.#cache.delete(this.#cache.keys().next().value!);
      icon = this.#draw(source.from).catch((error: unknown) => {
        // That account goes without its icon; a failure is not kept: the next menu tries again.
        this.#cache.delete(source.key);
        this.deps.onError?.(error);
        return null;
      });
      this.#cache.set(source.key, icon);
    }
    return icon;
  }

  /** What the account's icon is drawn from, and the key its drawings are kept under. */
  #sourceOf(account: TrayAccount): { key: string; from: MenuIconSource } | null {
    const icon: AccountIcon | undefined = account.icon;
    if (icon?.kind === 'image') {
      const url = this.deps.iconImages([icon.hash])[icon.hash];
      if (!url) return null;
      const bytes = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
      return { key: `image:${icon.hash}`, from: { kind: 'png', bytes } };
    }
    const brand = this.deps.brands.forAccount(account);
    if (!brand) return null;
    const theme = this.deps.dark() ? 'dark' : 'light';
    const fill = brand.mono.includes(theme) ? MENU_TEXT[theme] : `#${brand.hex}`;
    const svg = brandSvg(brand, fill);
    return svg ? { key: `brand:${brand.key}:${fill}`, from: { kind: 'svg', text: svg } } : null;
  }

  async #draw(from: MenuIconSource): Promise<TrayIcon> {
    const [x1, x2] = await Promise.all([
      this.deps.pictures.menuIcon(from, TRAY_ICON_SIZE),
      this.deps.pictures.menuIcon(from, TRAY_ICON_SIZE * 2),
    ]);
    return { x1: new Uint8Array(x1), x2: new Uint8Array(x2) };
  }
}
