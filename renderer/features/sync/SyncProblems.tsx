// What the last rounds could not take in (shared/sync.ts SyncProblem): which device, why, since when.
import { useTranslation } from 'react-i18next';
import type { SyncProblem } from '../../../shared/sync';
import { formatDateTime } from '../../ui/model/date-format';
import { AlertIcon } from '../../ui/Icons';

export function SyncProblems({ problems }: { problems: SyncProblem[] }) {
  const { t, i18n } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div className="sync-problems">
      <h4 className="field-label">{t('sync.problemsTitle')}</h4>
      {problems.map((problem, i) => (
        <div
          key={`${problem.kind}-${problem.device?.id ?? ''}-${i}`}
          className="callout callout-warning"
          data-problem={problem.kind}
        >
          <AlertIcon size={18} />
          <p>
            {problem.device && <strong>{problem.device.name}</strong>}
            {t(`errors.${problem.error.code}`)}{' '}
            <span className="sync-problem-since">
              {t('sync.problemSince', { time: formatDateTime(problem.since, i18n.language) })}
            </span>
          </p>
        </div>
      ))}
    </div>
  );
}
