interface Props<T extends string> {
  name: string;
  legend: string;
  hint?: string;
  options: readonly { value: T; label: string; title?: string }[];
  value: T;
  onChange(value: T): void;
  className?: string;
}

/** Native radios (arrow keys move and select) drawn as a segmented control. */
export function RadioGroup<T extends string>({ name, legend, hint, options, value, onChange, className }: Props<T>) {
  return (
    <fieldset className={`segmented ${className ?? ''}`}>
      <legend>
        {legend}
        {hint && <span className="legend-hint"> {hint}</span>}
      </legend>
      <div className="segments">
        {options.map((o) => (
          <label key={o.value} className={`segment${o.value === value ? ' is-checked' : ''}`} title={o.title}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={o.value === value}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
