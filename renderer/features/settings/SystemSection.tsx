// Settings › System: keep Authdesk in the tray (the menu bar on macOS) when the window closes, start
// it with the system, and start it hidden in the tray. Main applies them (login items, the Linux
// autostart entry) when they change.
import { useTranslation } from 'react-i18next';
import { closeToTrayOn } from '../../../shared/settings';
import type { SettingsState } from './useSettings';
import { Switch } from '../../ui/Switch';

interface SystemSectionProps {
  settingsState: SettingsState;
  platform: string;
  onError: (error: unknown) => void;
}

export function SystemSection({ settingsState, platform, onError }: SystemSectionProps) {
  const { t } = useTranslation();
  const { settings, update } = settingsState;
  if (!settings) return null;
  const set = (patch: Parameters<typeof update>[0]) => void update(patch).catch(onError);
  const mac = platform === 'darwin';

  return (
    <section className="settings-section" aria-labelledby="settings-system">
      <h3 id="settings-system" className="section-title">
        {t('system.title')}
      </h3>
      <Switch
        label={t(mac ? 'system.closeToMenuBar' : 'system.closeToTray')}
        hint={t(
          mac
            ? 'system.closeToMenuBarHint'
            : platform === 'linux'
              ? 'system.closeToTrayHintLinux'
              : 'system.closeToTrayHint',
        )}
        checked={closeToTrayOn(settings.closeToTray, platform)}
        onChange={(closeToTray) => set({ closeToTray })}
      />
      <Switch
        label={t('system.startWithSystem')}
        hint={t('system.startWithSystemHint')}
        checked={settings.startWithSystem}
        onChange={(startWithSystem) => set({ startWithSystem })}
      />
      <Switch
        label={t(mac ? 'system.startHiddenMac' : 'system.startHidden')}
        hint={t('system.startHiddenHint')}
        {...(!settings.startWithSystem && { note: t('system.startHiddenOff') })}
        checked={settings.startHidden}
        disabled={!settings.startWithSystem}
        onChange={(startHidden) => set({ startHidden })}
      />
    </section>
  );
}
