// The tray's menu (the menu bar's on macOS) as plain data: the lock state, pinned and recently used
// accounts (with their icons as PNG bytes: tray-icons.ts), Quick access, Open Authdesk, Lock and
// Quit, in English or Japanese. system/tray.ts only maps it to Electron's Menu;
// test/browser/tray.spec.ts draws it as a picture.
import { displayName, type AccountMeta } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import type { VaultState } from '../../shared/ipc';
import { resolveLanguage, type Settings } from '../../shared/settings';
import type { Vault } from '../vault/vault';

/** What a click does; the shell binds each kind to one call. */
export type TrayAction =
  | { kind: 'copy'; id: string }
  | { kind: 'unlock' }
  | { kind: 'quickAccess' }
  | { kind: 'open' }
  | { kind: 'lock' }
  | { kind: 'quit' };

/** A menu item's icon: PNG bytes at 16×16 and at 32×32 (for a 2× screen). */
export interface TrayIcon {
  x1: Uint8Array;
  x2: Uint8Array;
}

export type TrayItem =
  | { type: 'separator' }
  /** A line that cannot be clicked: the lock state, a group's title, a hint. */
  | { type: 'heading'; label: string }
  | { type: 'action'; label: string; action: TrayAction; accelerator?: string; icon?: TrayIcon };

/** What the menu needs of an account: its names, whether it is pinned, and its icon. */
export type TrayAccount = Pick<AccountMeta, 'id' | 'issuer' | 'label' | 'pinned' | 'icon'>;

export interface TrayModel {
  /** The icon variant: a closed padlock while locked (or before a vault exists), an open one unlocked. */
  icon: 'locked' | 'unlocked';
  tooltip: string;
  items: TrayItem[];
}

export interface TrayMenuInput {
  vault: VaultState;
  /** The vault's accounts in its order; none while locked (their names are inside the vault). */
  accounts: readonly TrayAccount[];
  /** The listed accounts' icons by account id (tray-icons.ts); an account without one has none. */
  icons?: ReadonlyMap<string, TrayIcon>;
  /** Ids of the accounts used last, newest first (RecentAccounts). */
  recentIds: readonly string[];
  language: 'en' | 'ja';
  /** Quick access's shortcut as an Electron accelerator, shown beside its item; '' or absent: none. */
  quickAccessShortcut?: string;
}

/** A menu stays short: the rest of the accounts are one search away in quick access. */
export const TRAY_PINNED_MAX = 10;
export const TRAY_RECENT_MAX = 5;
/** Longer names are cut with an ellipsis, so a long account does not widen the whole menu. */
export const TRAY_LABEL_MAX = 48;

const TEXT = {
  en: {
    locked: 'Authdesk — locked',
    unlocked: 'Authdesk — unlocked',
    missing: 'Authdesk — no vault yet',
    pinned: 'Pinned',
    recent: 'Recently used',
    none: 'Pin an account to see it here',
    unlock: 'Unlock…',
    quickAccess: 'Quick access…',
    open: 'Open Authdesk',
    lock: 'Lock',
    quit: 'Quit Authdesk',
  },
  ja: {
    locked: 'Authdesk — ロック中',
    unlocked: 'Authdesk — ロック解除中',
    missing: 'Authdesk — 保管庫はまだありません',
    pinned: 'ピン留め',
    recent: '最近使ったもの',
    none: 'アカウントをピン留めするとここに表示されます',
    unlock: 'ロックを解除…',
    quickAccess: 'クイックアクセス…',
    open: 'Authdesk を開く',
    lock: 'ロック',
    quit: 'Authdesk を終了',
  },
} as const;

export function trayMenu(input: TrayMenuInput): TrayModel {
  const text = TEXT[input.language];
  const unlocked = input.vault === 'unlocked';
  const status = unlocked ? text.unlocked : input.vault === 'locked' ? text.locked : text.missing;
  const items: TrayItem[] = [{ type: 'heading', label: status }, { type: 'separator' }];

  if (unlocked) {
    const { pinned, recent } = trayAccounts(input.accounts, input.recentIds);
    const copy = (account: (typeof pinned)[number]): TrayItem => {
      const icon = input.icons?.get(account.id);
      return {
        type: 'action',
        label: accountLabel(account),
        action: { kind: 'copy', id: account.id },
        ...(icon && { icon }),
      };
    };
    if (pinned.length > 0) items.push({ type: 'heading', label: text.pinned }, ...pinned.map(copy));
    if (recent.length > 0) items.push({ type: 'heading', label: text.recent }, ...recent.map(copy));
    if (pinned.length + recent.length === 0) items.push({ type: 'heading', label: text.none });
    items.push({ type: 'separator' });
  } else if (input.vault === 'locked') {
    items.push({ type: 'action', label: text.unlock, action: { kind: 'unlock' } });
  }

  if (input.vault !== 'missing') {
    items.push({
      type: 'action',
      label: text.quickAccess,
      action: { kind: 'quickAccess' },
      ...(input.quickAccessShortcut ? { accelerator: input.quickAccessShortcut } : {}),
    });
  }
  items.push({ type: 'action', label: text.open, action: { kind: 'open' } });
  if (unlocked) items.push({ type: 'action', label: text.lock, action: { kind: 'lock' } });
  items.push({ type: 'separator' }, { type: 'action', label: text.quit, action: { kind: 'quit' } });

  return { icon: unlocked ? 'unlocked' : 'locked', tooltip: status, items };
}

/** Where the menu's facts come from in the app. */
export interface TrayMenuSource {
  vault: Pick<Vault, 'state' | 'listOrUndefined'>;
  settings: () => Settings;
  systemLanguage: () => string;
  /** RecentAccounts.list in the app. */
  recentIds: () => readonly string[];
  /** Quick access's shortcut, when it has one. */
  quickAccessShortcut?: () => string;
  /** The icons of the accounts the menu lists (TrayIcons.forAccounts); none without it. */
  icons?: (accounts: readonly TrayAccount[]) => Promise<ReadonlyMap<string, TrayIcon>>;
  /** Told when the icons could not be drawn: the menu is shown without them. */
  onIconError?: (error: unknown) => void;
}

/** The menu for the app as it is now; only account ids, names and icons leave the vault. */
export async function currentTrayMenu(source: TrayMenuSource): Promise<TrayModel> {
  const vault = await source.vault.state();
  const accounts: TrayAccount[] = (
    (vault === 'unlocked' ? source.vault.listOrUndefined() : undefined) ?? []
  ).map(({ id, issuer, label, pinned, icon }) => ({
    id,
    issuer,
    label,
    ...(pinned !== undefined && { pinned }),
    ...(icon && { icon }),
  }));
  const recentIds = source.recentIds();
  let icons: ReadonlyMap<string, TrayIcon> | undefined;
  if (accounts.length > 0 && source.icons) {
    const { pinned, recent } = trayAccounts(accounts, recentIds);
    try {
      icons = await source.icons([...pinned, ...recent]);
    } catch (error) {
      // A picture that cannot be drawn must not keep the menu from showing.
      source.onIconError?.(error);
    }
  }
  return trayMenu({
    vault,
    accounts,
    ...(icons && { icons }),
    recentIds,
    language: resolveLanguage(source.settings().language, source.systemLanguage()),
    quickAccessShortcut: source.quickAccessShortcut?.() ?? '',
  });
}

/**
 * Pinned accounts in the vault's order, then the recently used ones that are not pinned, newest
 * first; ids no longer in the vault are skipped.
 */
export function trayAccounts<A extends { id: string; pinned?: boolean }>(
  accounts: readonly A[],
  recentIds: readonly string[],
): { pinned: A[]; recent: A[] } {
  const pinned = accounts.filter((account) => account.pinned).slice(0, TRAY_PINNED_MAX);
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const recent: A[] = [];
  for (const id of new Set(recentIds)) {
    const account = byId.get(id);
    if (account && !account.pinned) recent.push(account);
    if (recent.length === TRAY_RECENT_MAX) break;
  }
  return { pinned, recent };
}

function accountLabel(account: Pick<AccountMeta, 'issuer' | 'label'>): string {
  const name = displayName(account).replace(/\s+/g, ' ').trim();
  const chars = [...name]; // by code point, so a cut never splits a surrogate pair
  return chars.length > TRAY_LABEL_MAX ? `${chars.slice(0, TRAY_LABEL_MAX - 1).join('')}…` : name;
}

/**
 * A label as Electron's menus take it: a single `&` marks a mnemonic there (and is not shown), so
 * "AT&T" would show as "ATT"; `&&` shows one `&`.
 */
export function menuLabel(label: string): string {
  return label.replaceAll('&', '&&');
}

/** What the tray's clicks call (the shell binds them to the use cases and windows). */
export interface TrayActionDeps {
  isUnlocked: () => boolean;
  /** Copies the account's current code (codes.ts copyCode: cleared when it expires, counted as used). */
  copy: (id: string) => Promise<unknown>;
  /** Shows where the password is asked: the main window's unlock screen. */
  unlock: () => void;
  quickAccess: () => void;
  open: () => void;
  lock: () => void;
  quit: () => void;
  /** A copy that failed for another reason than the lock (the account was removed meanwhile, say). */
  onError: (error: unknown) => void;
}

/**
 * One click. A menu drawn while unlocked may be clicked after the vault locked (idle, screen lock):
 * an account's click then opens the unlock instead of failing.
 */
export async function runTrayAction(action: TrayAction, deps: TrayActionDeps): Promise<void> {
  switch (action.kind) {
    case 'copy':
      if (!deps.isUnlocked()) return deps.unlock();
      try {
        await deps.copy(action.id);
      } catch (error) {
        if (error instanceof AuthdeskError && error.code === 'VAULT_LOCKED') deps.unlock();
        else deps.onError(error);
      }
      return;
    case 'unlock':
      return deps.unlock();
    case 'quickAccess':
      return deps.quickAccess();
    case 'open':
      return deps.open();
    case 'lock':
      return deps.lock();
    case 'quit':
      return deps.quit();
  }
}
