// The icon field of the Edit dialog: automatic (what the name matches), a brand searched by name, a
// picture (a file, or dropped or pasted), or the letter. The dialog saves the choice with the rest of
// the form (updateAccount's `icon`, null for automatic); a picture is kept by main as soon as it is given.
import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { SegmentedOptions } from '../../ui/SegmentedOptions';
import type { AccountMeta } from '../../../shared/account';
import { AccountIcon } from './AccountIcon';
import { BrandSearch } from './BrandSearch';
import { PictureInput } from './PictureInput';
import { brandMatcher, iconsVersion, loadBrands, subscribeIcons } from './icon-store';
import { CHOICE_MODES, modeOf, type ChoiceMode, type IconChoice } from './model/icon-choice';
import './icon-chooser.css';

const MODE_KEY = {
  automatic: 'icons.automatic',
  brand: 'icons.brand',
  image: 'icons.picture',
  letter: 'icons.letter',
} as const satisfies Record<ChoiceMode, string>;

export function IconChooser({
  account,
  issuer,
  label,
  choice,
  onChange,
}: {
  account: AccountMeta;
  /** The names as being edited: the automatic match follows them. */
  issuer: string;
  label: string;
  choice: IconChoice;
  onChange: (choice: IconChoice) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  const [mode, setMode] = useState<ChoiceMode>(modeOf(choice));
  useSyncExternalStore(subscribeIcons, iconsVersion);
  useEffect(() => {
    loadBrands().catch(() => undefined);
  }, []);
  const matcher = brandMatcher();
  const matched = matcher?.match({ issuer, label });

  const pick = (next: ChoiceMode) => {
    setMode(next);
    if (next === 'automatic') onChange(null);
    if (next === 'letter') onChange({ kind: 'letter' });
    // A brand or a picture becomes the choice once one is picked or given.
  };

  const hint = {
    // Nothing is said until the brand list has loaded (a moment), rather than "no match" first.
    automatic: !matcher
      ? null
      : matched
        ? t(matched.kind === 'badge' ? 'icons.matchedBadge' : 'icons.matched', {
            brand: matched.title,
          })
        : t('icons.noMatch'),
    brand: choice?.kind === 'brand' ? null : t('icons.pickHint'),
    image: choice?.kind === 'image' ? null : t('icons.pictureHint'),
    letter: t('icons.letterHint'),
  }[mode];

  return (
    <fieldset className="icon-chooser segmented-field">
      <legend className="field-label">{t('icons.label')}</legend>
      <div className="icon-chooser-head">
        <AccountIcon account={{ issuer, label, icon: choice ?? undefined }} size={40} />
        <SegmentedOptions
          name={name}
          options={CHOICE_MODES}
          value={mode}
          labelOf={(option) => t(MODE_KEY[option])}
          onChange={pick}
        />
      </div>
      {hint && <p className="field-hint">{hint}</p>}
      {mode === 'brand' && (
        <BrandSearch
          initialQuery={issuer}
          chosen={choice?.kind === 'brand' ? choice.slug : undefined}
          onPick={(slug) => onChange({ kind: 'brand', slug })}
        />
      )}
      {mode === 'image' && (
        <PictureInput
          accountId={account.id}
          onSaved={(saved) => {
            if (saved.icon) onChange(saved.icon);
          }}
        />
      )}
    </fieldset>
  );
}
