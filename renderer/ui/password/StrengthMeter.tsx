// A five-step password strength bar with its label, computed lazily by zxcvbn-ts.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordStrength, type StrengthScore } from '../model/password-strength';

export function StrengthMeter({ password }: { password: string }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<{ password: string; score: StrengthScore } | null>(null);

  useEffect(() => {
    if (password === '') return;
    let live = true;
    void passwordStrength(password).then((score) => live && setResult({ password, score }));
    return () => {
      live = false;
    };
  }, [password]);

  // Until the estimate for this exact text arrives, keep showing the previous one.
  const score = password === '' ? null : (result?.score ?? null);
  const label = score === null ? '' : t(`strength.score${score}`);
  return (
    <div className="strength" data-score={score ?? 'none'}>
      <div
        className="strength-bar"
        role="meter"
        aria-label={t('strength.label')}
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={score ?? 0}
        aria-valuetext={label}
      >
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className={score !== null && i < Math.max(1, score) ? 'on' : ''} />
        ))}
      </div>
      <span className="strength-label" aria-hidden="true">
        {label}
      </span>
    </div>
  );
}
