// Scan the screen or choose files again, adding to the open import (the rest of a Google export).
import { useTranslation } from 'react-i18next';
import type { Importer } from './useImport';
import { ImageIcon, ScanIcon } from '../../ui/Icons';
import { Spinner } from '../../ui/Spinner';

export function ImportMoreButtons({ importer }: { importer: Importer }) {
  const { t } = useTranslation();
  const { busy } = importer;
  return (
    <div className="import-more-buttons">
      <button
        type="button"
        className="button button-compact"
        aria-disabled={busy !== null}
        onClick={() => busy === null && void importer.run({ kind: 'screen' })}
      >
        {busy === 'screen' ? <Spinner /> : <ScanIcon size={15} />}
        {t('import.scanScreen')}
      </button>
      <button
        type="button"
        className="button button-compact"
        aria-disabled={busy !== null}
        onClick={() => busy === null && void importer.run({ kind: 'files' })}
      >
        {busy === 'files' ? <Spinner /> : <ImageIcon size={15} />}
        {t('import.chooseFiles')}
      </button>
    </div>
  );
}
