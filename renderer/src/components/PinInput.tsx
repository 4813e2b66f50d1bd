import type { InputHTMLAttributes, Ref } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange' | 'inputMode' | 'maxLength'> & {
  value: string;
  /** Told the digits typed; anything else is dropped as it is typed. */
  onPin(pin: string): void;
  ref?: Ref<HTMLInputElement>;
};

/** A PIN field: hidden digits, the numeric keypad on touch screens, at most 8 (a PIN is 4 to 8 digits). */
export function PinInput({ value, onPin, ...rest }: Props) {
  return (
    <input
      type="password"
      inputMode="numeric"
      maxLength={8}
      value={value}
      onChange={(e) => onPin(e.target.value.replace(/\D/g, ''))}
      {...rest}
    />
  );
}
