import { useI18n } from '../../i18n';
import { Field } from './field';
import { Select } from './input';

/** A labelled select over a fixed set of values, plus an "any" choice (the empty string). */
export function FilterSelect<V extends string>({
  label,
  options,
  optionLabel,
  value,
  onChange,
}: {
  label: string;
  options: readonly V[];
  optionLabel: (value: V) => string;
  value: V | '';
  onChange: (value: V | '') => void;
}) {
  const { t } = useI18n();
  return (
    <Field label={label}>
      <Select value={value} onChange={(e) => onChange(e.target.value as V | '')}>
        <option value="">{t('common.any')}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
