import { inspect } from 'node:util';

/**
 * Last line of defence for the log file: nothing the app writes there should hold customer data (handlers never log
 * their inputs or results), but error messages can quote values. Email addresses, phone-like digit runs and PIN
 * fields are masked before a line reaches the file, and again when diagnostics are exported.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/**
 * Seven or more digits, optionally grouped by spaces, dots, hyphens or brackets: a phone or card number. Not when
 * glued to a word or path, and not a date ("2026-11-23 08:00" in every log line).
 */
const DIGIT_RUN = /(?<![\w./-])(?!\d{4}-\d{2}-\d{2}(?!\d))\+?\(?\d(?:[ ().-]{0,2}\d){6,}(?!\w)/g;
/** `pin: 1234`, `"newPin":"1234"`, `pin_hash=…` and the like. */
const PIN_FIELD = /\b((?:current|new)?pin(?:_?hash)?)\b(["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;)}\]]+)/gi;

/** Digit runs that are not personal data and help when reading a log. */
const KEEP = [/^\d{1,3}(?:\.\d{1,3}){3}$/];

export function scrubText(text: string): string {
  return text
    .replace(PIN_FIELD, (_m, key: string, sep: string, value: string) => {
      const quote = /^["']/.test(value) ? value[0] : '';
      return `${key}${sep}${quote}[redacted]${quote}`;
    })
    .replace(EMAIL, '[email]')
    .replace(DIGIT_RUN, (run) => (KEEP.some((k) => k.test(run)) ? run : '[number]'));
}

/** One log call's arguments, scrubbed. Errors become "Name: message" plus their (scrubbed) stack. */
export function scrubLogData(data: readonly unknown[]): unknown[] {
  return data.map((value) => {
    if (typeof value === 'string') return scrubText(value);
    if (value === null || value === undefined || typeof value === 'boolean') return value;
    if (typeof value === 'number' || typeof value === 'bigint') {
      const s = String(value);
      return scrubText(s) === s ? value : '[number]';
    }
    if (value instanceof Error) {
      const head = `${value.name}: ${value.message}`;
      const stack = value.stack?.startsWith(head) ? value.stack.slice(head.length) : (value.stack ?? '');
      return scrubText(`${head}${stack}`);
    }
    return scrubText(inspect(value, { depth: 3, breakLength: Infinity }));
  });
}
