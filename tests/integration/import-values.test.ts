import { describe, expect, it } from 'vitest';
import { parseCents, parseDateTime, parseDay, parseFlag, parseQuantity } from '../../main/services/import/cells';
import { chunkDecoder, detectDelimiter, detectEncoding } from '../../main/services/import/encoding';
import { headerKey } from '../../main/services/import/mapping';

describe('reading till values', () => {
  it.each([
    ['12.99', 1299],
    ['12,99', 1299],
    ['12,9', 1290],
    ['12', 1200],
    ['€ 1.234,56', 123_456],
    ['1,234.56', 123_456],
    ['1.234', 123_400],
    ['1,234,567', 123_456_700],
    ['0.125', null],
    ['-3.50', -350],
    ['3,50-', -350],
    ['(3.50)', -350],
    ['3,50 EUR', 350],
    ['£0.05', 5],
    ['abc', null],
    ['12-34', null],
    ['', null],
  ])('price %j -> %j cents', (raw, cents) => {
    if (cents === null) expect(() => parseCents(raw, 'Price')).toThrow(/Price/);
    else expect(parseCents(raw, 'Price')).toBe(cents);
  });

  it.each([
    ['1985-02-14', '1985-02-14'],
    ['14/02/1985', '1985-02-14'],
    ['4/2/1985', '1985-02-04'],
    ['14.02.1985', '1985-02-14'],
    ['29/02/2024', '2024-02-29'],
  ])('day %j', (raw, day) => expect(parseDay(raw, 'DOB')).toBe(day));

  it.each(['29/02/2023', '02/30/1985', '1985-13-01', '14/02/85', 'yesterday'])('refuses day %j', (raw) => {
    expect(() => parseDay(raw, 'DOB')).toThrow(/DOB/);
  });

  it('reads yes/no flags the usual ways and refuses anything else', () => {
    for (const v of ['yes', 'Y', '1', 'TRUE', 'ja', 'x']) expect(parseFlag(v, 'Opt-in')).toBe(true);
    for (const v of ['no', 'N', '0', 'false', 'nein']) expect(parseFlag(v, 'Opt-in')).toBe(false);
    expect(() => parseFlag('maybe', 'Opt-in')).toThrow('Opt-in "maybe" is not yes/no');
  });

  it('reads quantities as whole numbers', () => {
    expect(parseQuantity('3', 'Qty')).toBe(3);
    expect(parseQuantity('-1', 'Qty')).toBe(-1);
    expect(parseQuantity('2,0', 'Qty')).toBe(2);
    expect(() => parseQuantity('1.5', 'Qty')).toThrow();
  });

  it('turns store wall-clock times into UTC across daylight saving, and keeps explicit offsets', () => {
    const tz = 'Europe/Dublin';
    expect(parseDateTime('2026-01-15 09:30', tz, 'Date')).toEqual({ at: '2026-01-15T09:30:00.000Z', localDay: '2026-01-15' });
    expect(parseDateTime('15/07/2026 09:30:15', tz, 'Date')).toEqual({ at: '2026-07-15T08:30:15.000Z', localDay: '2026-07-15' });
    expect(parseDateTime('2026-03-29T00:30', tz, 'Date').at).toBe('2026-03-29T00:30:00.000Z'); // before the switch
    expect(parseDateTime('2026-03-29T03:30', tz, 'Date').at).toBe('2026-03-29T02:30:00.000Z'); // after it
    expect(parseDateTime('2026-07-15T09:30:00+02:00', tz, 'Date')).toEqual({ at: '2026-07-15T07:30:00.000Z', localDay: null });
    expect(parseDateTime('2026-07-15 09:30Z', tz, 'Date').at).toBe('2026-07-15T09:30:00.000Z');
    expect(parseDateTime('2026-07-15 23:30', 'America/New_York', 'Date').at).toBe('2026-07-16T03:30:00.000Z');
    expect(() => parseDateTime('2026-07-15 25:00', tz, 'Date')).toThrow(/impossible time/);
    expect(() => parseDateTime('soon', tz, 'Date')).toThrow(/not a date/);
  });
});

describe('reading the file format', () => {
  it('detects BOM, UTF-8 and Windows-1252', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('utf-8-bom');
    expect(detectEncoding(Buffer.from('Zoë', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0x5a, 0x6f, 0xeb]))).toBe('windows-1252');
    expect(detectEncoding(Buffer.from('ab', 'ascii'))).toBe('utf-8');
    // The end of a partial sample may cut a character in two; the end of the whole file may not.
    expect(detectEncoding(Buffer.from('Zoë', 'utf8').subarray(0, 3), false)).toBe('utf-8');
    expect(detectEncoding(Buffer.from('Zoë', 'utf8').subarray(0, 3), true)).toBe('windows-1252');
  });

  it('decodes every Windows-1252 byte the way the WHATWG table says', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = chunkDecoder('windows-1252')(all, true);
    expect(text).toHaveLength(256);
    expect(text[0x80]).toBe('€');
    expect(text[0x8a]).toBe('Š');
    expect(text[0x92]).toBe('’');
    expect(text[0x9f]).toBe('Ÿ');
    expect(text[0x81]).toBe('\u0081'); // undefined in 1252: passed through as WHATWG does
    expect(text[0xe9]).toBe('é');
    expect(text[0xff]).toBe('ÿ');
  });

  it('decodes UTF-8 characters cut between chunks', () => {
    const d = chunkDecoder('utf-8');
    const bytes = Buffer.from('Zoë', 'utf8');
    expect(d(bytes.subarray(0, 3), false) + d(bytes.subarray(3), false) + d(new Uint8Array(0), true)).toBe('Zoë');
  });

  it('picks the delimiter from the header, ignoring quoted ones', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('a;b;c\r\n1,2,3,4')).toBe(';');
    expect(detectDelimiter('"a,b,c";d;e\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('name\n')).toBe(',');
  });

  it('compares header names without case, spacing, punctuation or accents', () => {
    expect(headerKey(' E-Mail ')).toBe('email');
    expect(headerKey('first_name')).toBe('firstname');
    expect(headerKey('Zurückgegeben')).toBe('zuruckgegeben');
  });
});
