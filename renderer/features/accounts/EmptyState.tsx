// What the list shows with no accounts (how to add or scan the first one) or with no search match.
import { useTranslation } from 'react-i18next';
import { PlusIcon, ScanIcon } from '../../ui/Icons';

export function EmptyVault({ onAdd, onScan }: { onAdd: () => void; onScan: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="empty">
      <svg className="empty-art" width="96" height="72" viewBox="0 0 96 72" aria-hidden="true">
        <rect x="4" y="8" width="88" height="56" rx="12" className="empty-art-card" />
        <rect x="16" y="22" width="30" height="7" rx="3.5" className="empty-art-line" />
        <rect x="16" y="35" width="22" height="5" rx="2.5" className="empty-art-line faint" />
        <g className="empty-art-digits">
          <rect x="16" y="47" width="8" height="8" rx="2" />
          <rect x="27" y="47" width="8" height="8" rx="2" />
          <rect x="38" y="47" width="8" height="8" rx="2" />
          <rect x="52" y="47" width="8" height="8" rx="2" />
          <rect x="63" y="47" width="8" height="8" rx="2" />
          <rect x="74" y="47" width="8" height="8" rx="2" />
        </g>
        <circle cx="74" cy="27" r="8" className="empty-art-ring" />
      </svg>
      <h2 className="empty-title">{t('empty.title')}</h2>
      <p className="empty-body">{t('empty.body')}</p>
      <div className="empty-actions">
        <button type="button" className="button button-primary" onClick={onAdd} data-autofocus>
          <PlusIcon size={16} />
          {t('empty.action')}
        </button>
        <button type="button" className="button" onClick={onScan}>
          <ScanIcon size={16} />
          {t('empty.scan')}
        </button>
      </div>
    </div>
  );
}

export function NoMatch({ query }: { query: string }) {
  const { t } = useTranslation();
  return (
    <div className="empty empty-compact">
      <p className="empty-body">{t('accounts.noMatch', { query })}</p>
    </div>
  );
}
