// What the window shows while files (screenshots, backups, exports) are dragged over it; drawn inside
// an open dialog when there is one.
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ImageIcon } from '../../ui/Icons';

export function DropOverlay() {
  const { t } = useTranslation();
  // A modal dialog is in the top layer: anything outside it would be drawn underneath. Otherwise the
  // main landmark, so that its text is inside one for screen readers (it is fixed to the window).
  const host =
    document.querySelector('dialog[open]') ?? document.querySelector('main') ?? document.body;
  return createPortal(
    <div className="drop-overlay" data-drop-overlay>
      <div className="drop-overlay-card">
        <ImageIcon size={32} />
        <strong>{t('backup.dropTitle')}</strong>
        <span>{t('backup.dropBody')}</span>
      </div>
    </div>,
    host,
  );
}
