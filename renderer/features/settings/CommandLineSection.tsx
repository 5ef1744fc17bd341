// Settings › Command line: whether the running app answers the `authdesk` command (instead of the
// vault password), and what main reports: where the socket is and whether it is served, or why not.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentStatus } from '../../../shared/agent-status';
import { call, subscribe } from '../../api/api';
import { Switch } from '../../ui/Switch';
import type { SettingsState } from './useSettings';

export function CommandLineSection({
  settingsState,
  onError,
}: {
  settingsState: SettingsState;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<AgentStatus | null>(null);
  useEffect(() => {
    const off = subscribe('agentStatus', setStatus);
    call('getAgentStatus').then(setStatus, () => {});
    return off;
  }, []);
  const { settings, update } = settingsState;
  if (!settings) return null;

  // "Listening at PATH"; a failure also says why, and that the command asks the password instead.
  const showPath = status !== null && status.state !== 'off' && status.state !== 'stopped';
  return (
    <section className="settings-section" aria-labelledby="settings-command-line">
      <h3 id="settings-command-line" className="section-title">
        {t('commandLine.title')}
      </h3>
      <Switch
        label={t('commandLine.access')}
        hint={t('commandLine.accessHint')}
        checked={settings.commandLineAccess}
        onChange={(commandLineAccess) => void update({ commandLineAccess }).catch(onError)}
      />
      <p
        className={status?.state === 'failed' ? 'field-message field-message-error' : 'field-hint'}
        role="status"
      >
        {status && t(`commandLine.${status.state}`)}
        {showPath && (
          <>
            {' '}
            <span className="mono selectable">{status.path}</span>
          </>
        )}
        {status?.state === 'failed' && (
          <>
            <br />
            {t('commandLine.failedWhy', { why: t(`errors.${status.error?.code ?? 'UNKNOWN'}`) })}
          </>
        )}
      </p>
    </section>
  );
}
