import type { KeyboardEvent } from 'react';

interface Props<T extends string> {
  name: string;
  legend: string;
  hint?: string;
  options: readonly { value: T; label: string; title?: string }[];
  value: T;
  onChange(value: T): void;
  className?: string;
  /** Keys that choose an option directly (for sentiment: "1"…"5"), on top of the arrow keys. */
  keyFor?: (key: string) => T | undefined;
}

/** Native radios (arrow keys move and select) drawn as a segmented control. */
export function RadioGroup<T extends string>({
  name,
  legend,
  hint,
  options,
  value,
  onChange,
  className,
  keyFor,
}: Props<T>) {
  const onKeyDown = (e: KeyboardEvent<HTMLFieldSetElement>) => {
    if (!keyFor || e.ctrlKey || e.altKey || e.metaKey) return;
    const chosen = keyFor(e.key);
    if (chosen === undefined || !options.some((o) => o.value === chosen)) return;
    e.preventDefault();
    onChange(chosen);
    // Focus follows the choice, as it does with the arrow keys.
    e.currentTarget.querySelector<HTMLInputElement>(`input[value="${CSS.escape(chosen)}"]`)?.focus();
  };
  return (
    <fieldset className={`segmented ${className ?? ''}`} onKeyDown={keyFor ? onKeyDown : undefined}>
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
