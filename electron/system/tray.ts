// Electron adapter: the tray icon (the menu bar's on macOS) and its menu, drawn from the model in
// use-cases/tray-menu.ts; and the one-time notice that the closed window went there.
import {
  Menu,
  Notification,
  Tray,
  dialog,
  nativeImage,
  nativeTheme,
  type NativeImage,
} from 'electron';
import locked from '../../assets/tray/locked.png?inline';
import locked2x from '../../assets/tray/locked@2x.png?inline';
import lockedTemplate from '../../assets/tray/lockedTemplate.png?inline';
import lockedTemplate2x from '../../assets/tray/lockedTemplate@2x.png?inline';
import unlocked from '../../assets/tray/unlocked.png?inline';
import unlocked2x from '../../assets/tray/unlocked@2x.png?inline';
import unlockedTemplate from '../../assets/tray/unlockedTemplate.png?inline';
import unlockedTemplate2x from '../../assets/tray/unlockedTemplate@2x.png?inline';
import type { Services } from '../composition';
import { BrandIcons } from '../icons/brand-icons';
import { iconPictures } from '../icons/icon-pictures';
import { TrayIcons } from '../use-cases/tray-icons';
import type { TrayNotice } from '../use-cases/close-to-tray';
import {
  currentTrayMenu,
  menuLabel,
  runTrayAction,
  type TrayActionDeps,
  type TrayIcon,
  type TrayMenuSource,
  type TrayModel,
} from '../use-cases/tray-menu';

const ICONS: Record<TrayModel['icon'], [string, string, string, string]> = {
  locked: [locked, locked2x, lockedTemplate, lockedTemplate2x],
  unlocked: [unlocked, unlocked2x, unlockedTemplate, unlockedTemplate2x],
};

/** macOS: a template image, which the menu bar tints for light and dark; elsewhere the coloured one. */
function icon(state: TrayModel['icon'], platform: string): NativeImage {
  const [one, two, template, template2x] = ICONS[state];
  const mac = platform === 'darwin';
  const image = nativeImage.createFromDataURL(mac ? template : one);
  image.addRepresentation({ scaleFactor: 2, dataURL: mac ? template2x : two });
  image.setTemplateImage(mac);
  return image;
}

/** An account's icon in the menu: its 16 px PNG, and the 32 px one for a 2× screen. */
function itemIcon({ x1, x2 }: TrayIcon): NativeImage {
  const image = nativeImage.createFromBuffer(Buffer.from(x1));
  image.addRepresentation({ scaleFactor: 2, buffer: Buffer.from(x2) });
  return image;
}

export interface AppTray {
  /** Draws the menu again from the app's state (after a lock, an unlock, an account or settings change). */
  refresh(): void;
  notify(notice: TrayNotice): void;
}

export function createTray(
  platform: string,
  source: TrayMenuSource,
  actions: TrayActionDeps,
): AppTray {
  const tray = new Tray(icon('locked', platform));
  // Windows opens the menu on a right click; a left click opens the window, as tray apps do there.
  if (platform === 'win32') tray.on('click', () => actions.open());
  const click = (action: Parameters<typeof runTrayAction>[0]) => () =>
    void runTrayAction(action, actions);
  let drawn = 0;
  return {
    refresh() {
      const draw = ++drawn;
      void currentTrayMenu(source)
        .then((model) => {
          if (draw !== drawn) return; // a newer state is being drawn
          tray.setImage(icon(model.icon, platform));
          tray.setToolTip(model.tooltip);
          const items = model.items.map((item) =>
            item.type === 'separator'
              ? { type: 'separator' as const }
              : item.type === 'heading'
                ? { label: menuLabel(item.label), enabled: false }
                : {
                    label: menuLabel(item.label),
                    click: click(item.action),
                    ...(item.icon && { icon: itemIcon(item.icon) }),
                    ...(item.accelerator && {
                      accelerator: item.accelerator,
                      registerAccelerator: false,
                    }),
                  },
          );
          tray.setContextMenu(Menu.buildFromTemplate(items));
        })
        .catch(actions.onError);
    },
    // A system notification where there is a notification service; a plain dialog where not.
    notify({ title, body }) {
      if (Notification.isSupported()) new Notification({ title, body, silent: true }).show();
      else void dialog.showMessageBox({ type: 'info', title, message: title, detail: body });
    },
  };
}

/** The app's tray: the menu from the vault and settings, its clicks bound to the use cases. */
export function createAppTray(
  platform: string,
  services: Services,
  systemLanguage: () => string,
  windows: { show: () => void; quickAccess: () => void; quit: () => void },
): AppTray {
  const { vault, settings, handlers } = services;
  const icons = new TrayIcons({
    pictures: iconPictures(),
    brands: new BrandIcons(),
    iconImages: (hashes) => vault.iconImages(hashes),
    dark: () => nativeTheme.shouldUseDarkColors,
    onError: (error) => console.error('tray icon:', error),
  });
  const tray = createTray(
    platform,
    {
      vault,
      settings: () => settings.get(),
      systemLanguage,
      recentIds: () => services.recent.list(),
      quickAccessShortcut: () => settings.get().quickAccessShortcut,
      icons: (accounts) => icons.forAccounts(accounts),
      onIconError: (error) => console.error('tray icons:', error),
    },
    {
      isUnlocked: () => vault.isUnlocked,
      // The window's copy: cleared when the code expires, counted as a use of the account.
      copy: (id) => handlers.copyCode({ id, which: 'current' }),
      unlock: windows.show,
      quickAccess: windows.quickAccess,
      open: windows.show,
      lock: () => vault.lock('user'),
      quit: windows.quit,
      onError: (error) => console.error('tray:', error),
    },
  );
  // A brand drawn in the menu's text colour follows the system's light or dark menus.
  nativeTheme.on('updated', () => tray.refresh());
  return tray;
}
