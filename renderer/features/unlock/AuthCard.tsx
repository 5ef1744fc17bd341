// The centred card used by the first-run and unlock screens: brand mark, title, intro and a form.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../ui/Icons';

export function AuthCard({
  title,
  intro,
  children,
}: {
  title: string;
  intro: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <main className="auth-screen">
      <div className="auth-card">
        <div className="auth-brand">
          <BrandMark size={40} />
          <span className="auth-brand-name">{t('app.name')}</span>
        </div>
        <h1 className="auth-title">{title}</h1>
        <div className="auth-intro">{intro}</div>
        {children}
      </div>
    </main>
  );
}
