// One choice among a few, drawn as joined buttons: radio inputs, inside a fieldset the caller gives
// its legend (theme, list density, the icon chooser's modes).
export function SegmentedOptions<T extends string>({
  name,
  options,
  value,
  labelOf,
  onChange,
}: {
  name: string;
  options: readonly T[];
  value: T;
  labelOf: (option: T) => string;
  onChange: (option: T) => void;
}) {
  return (
    <div className="segmented">
      {options.map((option) => (
        <label key={option} className="segment">
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          <span>{labelOf(option)}</span>
        </label>
      ))}
    </div>
  );
}
