// Settings: language, theme, the list's look and order, auto-lock, clipboard clearing, screen-capture
// protection, vault password, automatic backups, the time server and clock correction, the
// quick-access shortcut, and the command line's use of the running app.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SegmentedOptions } from '../../ui/SegmentedOptions';
import type { AppStatus } from '../../../shared/ipc';
import { AUTO_LOCK_MINUTES, LANGUAGES, THEMES, type Settings } from '../../../shared/settings';
import type { SettingsState } from './useSettings';
import { AutoBackupSection } from '../backup-export/AutoBackupSection';
import { ChangePasswordForm } from './ChangePasswordForm';
import { ClockSection } from './ClockSection';
import { CommandLineSection } from './CommandLineSection';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { KeyIcon } from '../../ui/Icons';
import { KeychainSection } from './KeychainSection';
import { ListSection } from './ListSection';
import { ShortcutSection } from './ShortcutSection';
import { SystemSection } from './SystemSection';
import { SyncSection } from '../sync/SyncSection';
import { Switch } from '../../ui/Switch';

const THEME_KEY = {
  system: 'settings.themeSystem',
  light: 'settings.themeLight',
  dark: 'settings.themeDark',
} as const;

interface SettingsDialogProps {
  status: AppStatus;
  settingsState: SettingsState;
  onError: (error: unknown) => void;
  onClose: () => void;
  /** Opens with the keyboard on this section (the AWS helper's "Check the clock"). */
  section?: 'clock' | 'sync';
}

export function SettingsDialog(props: SettingsDialogProps) {
  const { status, settingsState, onError, onClose, section } = props;
  const { t } = useTranslation();
  const { settings, update } = settingsState;
  const [changingPassword, setChangingPassword] = useState(false);
  // A password change can turn the keychain unlock off: the section then reads its status again.
  const [keychainReads, setKeychainReads] = useState(0);
  if (!settings) return null;

  const set = (patch: Partial<Settings>) => void update(patch).catch(onError);
  const minutes =
    AUTO_LOCK_MINUTES.includes(settings.autoLockMinutes) || settings.autoLockMinutes === 0
      ? AUTO_LOCK_MINUTES
      : [...AUTO_LOCK_MINUTES, settings.autoLockMinutes].sort((a, b) => a - b);

  return (
    <Dialog title={t('settings.title')} onClose={onClose}>
      <section className="settings-section" aria-labelledby="settings-appearance">
        <h3 id="settings-appearance" className="section-title">
          {t('settings.appearance')}
        </h3>
        <Field label={t('settings.language')}>
          {({ id }) => (
            <select
              id={id}
              className="input"
              value={settings.language}
              data-autofocus={section === undefined || undefined}
              onChange={(e) => set({ language: e.target.value as Settings['language'] })}
            >
              {LANGUAGES.map((language) => (
                <option
                  key={language}
                  value={language}
                  lang={language === 'system' ? undefined : language}
                >
                  {t(`languages.${language}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="segmented-field">
          <legend className="field-label">{t('settings.theme')}</legend>
          <SegmentedOptions
            name="theme"
            options={THEMES}
            value={settings.theme}
            labelOf={(theme) => t(THEME_KEY[theme])}
            onChange={(theme) => set({ theme })}
          />
        </fieldset>
      </section>

      <ListSection settingsState={settingsState} onError={onError} />

      <section className="settings-section" aria-labelledby="settings-security">
        <h3 id="settings-security" className="section-title">
          {t('settings.security')}
        </h3>
        <Field label={t('settings.autoLock')} hint={t('settings.autoLockHint')}>
          {({ id, describedBy }) => (
            <select
              id={id}
              className="input"
              aria-describedby={describedBy}
              value={settings.autoLockMinutes}
              onChange={(e) => set({ autoLockMinutes: Number(e.target.value) })}
            >
              {minutes.map((m) => (
                <option key={m} value={m}>
                  {t('settings.minutes', { count: m })}
                </option>
              ))}
              <option value={0}>{t('settings.never')}</option>
            </select>
          )}
        </Field>
        <Switch
          label={t('settings.clearClipboard')}
          checked={settings.clearClipboard}
          onChange={(clearClipboard) => set({ clearClipboard })}
        />
        <Switch
          label={t('settings.contentProtection')}
          hint={t('settings.contentProtectionHint')}
          checked={settings.contentProtection}
          onChange={(contentProtection) => set({ contentProtection })}
        />
        <KeychainSection key={keychainReads} />
      </section>

      <section className="settings-section" aria-labelledby="settings-password">
        <h3 id="settings-password" className="section-title">
          {t('settings.password')}
        </h3>
        {changingPassword ? (
          <ChangePasswordForm
            onDone={(keychainTurnedOff) => {
              setChangingPassword(false);
              if (keychainTurnedOff) setKeychainReads((n) => n + 1);
            }}
          />
        ) : (
          <button type="button" className="button" onClick={() => setChangingPassword(true)}>
            <KeyIcon size={16} />
            {t('settings.changePassword')}
          </button>
        )}
      </section>

      <SystemSection settingsState={settingsState} platform={status.platform} onError={onError} />

      <AutoBackupSection onError={onError} />

      <SyncSection onError={onError} autoFocus={section === 'sync'} />

      <ClockSection
        settingsState={settingsState}
        onError={onError}
        autoFocus={section === 'clock'}
      />

      <ShortcutSection settingsState={settingsState} platform={status.platform} />

      <CommandLineSection settingsState={settingsState} onError={onError} />

      <section className="settings-section" aria-labelledby="settings-about">
        <h3 id="settings-about" className="section-title">
          {t('settings.about')}
        </h3>
        <dl className="about">
          <dt>{t('settings.vaultFile')}</dt>
          <dd className="mono selectable">{status.vaultPath}</dd>
          <dt>{t('app.name')}</dt>
          <dd>{t('settings.version', { version: status.version })}</dd>
        </dl>
      </section>
    </Dialog>
  );
}
