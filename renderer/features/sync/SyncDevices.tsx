// The computers in the sync: this one first, each with its name and when it last wrote to the folder,
// and a way to remove the others.
import { useTranslation } from 'react-i18next';
import type { SyncDevice } from '../../../shared/sync';
import { formatDateTime } from '../../ui/model/date-format';

interface SyncDevicesProps {
  devices: SyncDevice[];
  /** Removing is offered while this computer is itself in the sync. */
  canRemove: boolean;
  onRemove: (device: SyncDevice) => void;
}

export function SyncDevices({ devices, canRemove, onRemove }: SyncDevicesProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="sync-devices">
      <h4 className="field-label" id="sync-devices-title">
        {t('sync.devicesTitle')}
      </h4>
      <ul className="sync-device-list" aria-labelledby="sync-devices-title">
        {devices.map((device) => (
          <li key={device.id} className="sync-device" data-device-id={device.id}>
            <div className="sync-device-text">
              <span className="sync-device-name">
                {device.name}
                {device.thisDevice && (
                  <span className="sync-badge">{t('sync.thisDeviceBadge')}</span>
                )}
              </span>
              <span className="sync-device-seen">
                {device.lastSeen
                  ? t('sync.lastSeen', { time: formatDateTime(device.lastSeen, i18n.language) })
                  : t('sync.notSeen')}
              </span>
            </div>
            {!device.thisDevice && canRemove && (
              <button
                type="button"
                className="button button-compact"
                aria-label={t('sync.removeLabel', { name: device.name })}
                onClick={() => onRemove(device)}
              >
                {t('sync.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
