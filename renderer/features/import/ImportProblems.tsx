// What was found but not imported, per source, in the words of its error code.
import { useId } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../../../shared/import';
import { sourceLabel } from './model/import-view';
import { AlertIcon } from '../../ui/Icons';

/** Binary bytes are named in the user's language by their size; other details are shown as sent. */
function detailOf(problem: ImportProblem, t: TFunction): string | undefined {
  return problem.binaryBytes === undefined
    ? problem.detail
    : t('import.binaryData', { bytes: problem.binaryBytes });
}

export function ImportProblems({ problems }: { problems: ImportProblem[] }) {
  const { t } = useTranslation();
  const labelId = useId();
  if (problems.length === 0) return null;
  return (
    <section className="import-problems" aria-labelledby={labelId}>
      <h3 id={labelId} className="section-title">
        {t('import.problemsTitle')}
      </h3>
      <ul className="import-problem-list">
        {problems.map((problem, i) => (
          <li key={i} className="import-problem">
            <AlertIcon size={16} />
            <div>
              <strong className="import-problem-source">
                {t('import.from', { source: sourceLabel(problem.source, t) })}
              </strong>
              <p>{t(`errors.${problem.code}`)}</p>
              {problem.iconOnly && <p>{t('import.iconLeftOut')}</p>}
              {problem.detail && (
                <p className="import-problem-detail">
                  {problem.code === 'QR_NOT_OTP'
                    ? t('import.foundInstead', { detail: detailOf(problem, t) })
                    : problem.detail}
                </p>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
