// An account's tags shown small and read-only (quick access, the import preview): read as
// "Tags: Work, Dev"; a tag can be emphasised (the search matched it) or marked new (an import will
// create it).
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';

export interface TagPill {
  name: string;
  emphasis?: boolean;
  isNew?: boolean;
}

export function TagPills({ tags, className }: { tags: readonly TagPill[]; className?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`tag-pills ${className ?? ''}`}>
      <span className="visually-hidden">{t('tags.inRow')} </span>
      {tags.map((tag, i) => (
        <Fragment key={tag.name}>
          {i > 0 && <span className="visually-hidden">, </span>}
          <span
            className={`tag-pill${tag.emphasis ? ' tag-pill-emphasis' : ''}${tag.isNew ? ' tag-pill-new' : ''}`}
            title={tag.isNew ? t('tags.newPill') : undefined}
          >
            {tag.name}
            {tag.isNew && <span className="visually-hidden"> {t('tags.newPillSpoken')}</span>}
          </span>
        </Fragment>
      ))}
    </span>
  );
}
