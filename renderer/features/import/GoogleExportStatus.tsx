// How far a multi-part Google Authenticator export is scanned, and the way to scan the rest.
import { useTranslation } from 'react-i18next';
import type { Importer } from './useImport';
import type { GoogleExportView } from './model/import-view';
import { CheckIcon, ScanIcon } from '../../ui/Icons';
import { ImportMoreButtons } from './ImportMoreButtons';

export function GoogleExportStatus({
  exports,
  importer,
}: {
  exports: GoogleExportView;
  importer: Importer;
}) {
  const { t } = useTranslation();
  const { size, scanned, missing } = exports;
  if (missing.length === 0) {
    return (
      <div className="callout callout-success">
        <CheckIcon size={18} />
        <div>
          <strong>{t('import.googleDone', { size })}</strong>
        </div>
      </div>
    );
  }
  return (
    <div className="callout callout-info">
      <ScanIcon size={18} />
      <div>
        <strong>{t('import.googleProgress', { scanned, size })}</strong>
        <p>
          {t('import.googleMissing', { list: missing.join(', ') })} {t('import.googleNext')}
        </p>
        <ImportMoreButtons importer={importer} />
      </div>
    </div>
  );
}
