// Settings › Quick access shortcut: the shortcut as this OS writes it, a key recorder to change it,
// Off and Default, and what main reports: active, or refused by the system or another app.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShortcutStatus } from '../../../shared/ipc';
import { DEFAULT_QUICK_ACCESS_SHORTCUT } from '../../../shared/settings';
import { displayShortcut, recordKeyPress } from '../../../shared/settings-shortcut';
import { call, subscribe } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { useTypingStatus } from '../quick-access/useTypingStatus';
import type { SettingsState } from './useSettings';

export function ShortcutSection({
  settingsState,
  platform,
}: {
  settingsState: SettingsState;
  platform: string;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [status, setStatus] = useState<ShortcutStatus | null>(null);
  const [recording, setRecording] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const typing = useTypingStatus();
  useEffect(() => {
    const off = subscribe('shortcutStatus', setStatus);
    call('getShortcutStatus').then(setStatus, () => {});
    return off;
  }, []);
  const setting = settingsState.settings?.quickAccessShortcut ?? '';

  const save = async (quickAccessShortcut: string) => {
    setRecording(false);
    try {
      await settingsState.update({ quickAccessShortcut });
      setNote(null);
      setStatus(await call('getShortcutStatus'));
    } catch (failure) {
      setNote(errorText(failure));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!recording) return;
    if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') event.preventDefault();
      setRecording(false);
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const recorded = recordKeyPress(event, platform);
    if (recorded.kind === 'shortcut') void save(recorded.accelerator);
    else if (recorded.kind === 'refused') setNote(t('shortcut.needsModifier'));
  };

  const keys = setting === '' ? t('shortcut.off') : displayShortcut(setting, platform);
  const shown = status && status.accelerator === setting ? status : null;
  return (
    <section className="settings-section" aria-labelledby="settings-shortcut">
      <h3 id="settings-shortcut" className="section-title">
        {t('shortcut.title')}
      </h3>
      <p className="field-hint">{t('shortcut.hint')}</p>
      <div className="shortcut-row">
        <button
          type="button"
          className="button shortcut-recorder"
          aria-pressed={recording}
          aria-describedby="shortcut-status"
          onClick={() => {
            setNote(null);
            setRecording((on) => !on);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setRecording(false)}
        >
          {recording ? t('shortcut.recording') : `${keys} — ${t('shortcut.record')}`}
        </button>
        {setting !== '' && (
          <button type="button" className="button" onClick={() => void save('')}>
            {t('shortcut.turnOff')}
          </button>
        )}
        {setting !== DEFAULT_QUICK_ACCESS_SHORTCUT && (
          <button
            type="button"
            className="button"
            onClick={() => void save(DEFAULT_QUICK_ACCESS_SHORTCUT)}
          >
            {t('shortcut.reset')}
          </button>
        )}
      </div>
      <p
        id="shortcut-status"
        className={shown?.state === 'refused' ? 'field-message-error' : 'field-hint'}
        role="status"
      >
        {note ??
          (shown?.state === 'registered'
            ? t('shortcut.registered', { keys })
            : shown?.state === 'refused'
              ? t('shortcut.refused', { keys })
              : shown?.state === 'pending'
                ? t('shortcut.pending', { keys })
                : null)}
      </p>
      {typing.why && <p className="field-hint shortcut-typing">{typing.why}</p>}
    </section>
  );
}
