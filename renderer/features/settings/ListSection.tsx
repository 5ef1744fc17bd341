// Settings › List: row density, the next code beside the current one, the order, and tag headers
// (the view menu above the list offers the same).
import { useTranslation } from 'react-i18next';
import { LIST_DENSITIES, SORT_ORDERS, type Settings } from '../../../shared/settings';
import { DENSITY_KEY, SORT_KEY } from '../accounts/list-view/list-texts';
import { Field } from '../../ui/Field';
import { SegmentedOptions } from '../../ui/SegmentedOptions';
import { Switch } from '../../ui/Switch';
import type { SettingsState } from './useSettings';

export function ListSection({
  settingsState,
  onError,
}: {
  settingsState: SettingsState;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const { settings, update } = settingsState;
  if (!settings) return null;
  const set = (patch: Partial<Settings>) => void update(patch).catch(onError);

  return (
    <section className="settings-section" aria-labelledby="settings-list">
      <h3 id="settings-list" className="section-title">
        {t('list.title')}
      </h3>
      <fieldset className="segmented-field">
        <legend className="field-label">{t('list.density')}</legend>
        <SegmentedOptions
          name="listDensity"
          options={LIST_DENSITIES}
          value={settings.listDensity}
          labelOf={(density) => t(DENSITY_KEY[density])}
          onChange={(density) => set({ listDensity: density })}
        />
      </fieldset>
      <Field label={t('list.sort')} hint={t('list.sortHint')}>
        {({ id, describedBy }) => (
          <select
            id={id}
            name="sortOrder"
            className="input"
            aria-describedby={describedBy}
            value={settings.sortOrder}
            onChange={(e) => set({ sortOrder: e.target.value as Settings['sortOrder'] })}
          >
            {SORT_ORDERS.map((order) => (
              <option key={order} value={order}>
                {t(SORT_KEY[order])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Switch
        label={t('list.showNextCode')}
        hint={t('list.showNextCodeHint')}
        checked={settings.showNextCode}
        onChange={(showNextCode) => set({ showNextCode })}
      />
      <Switch
        label={t('list.groupByTag')}
        hint={t('list.groupByTagHint')}
        checked={settings.groupByTag}
        onChange={(groupByTag) => set({ groupByTag })}
      />
    </section>
  );
}
