import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCents, parseDateTime, parseDay, parseFlag, parseQuantity } from '../../main/services/import/cells';
import {
  SCAN_CHUNK_BYTES,
  chooseEncoding,
  chunkDecoder,
  detectDelimiter,
  detectLineBreak,
} from '../../main/services/import/encoding';
import { headerKey } from '../../main/services/import/mapping';
import { tempDir } from '../helpers/temp-store';

const fileOf = (bytes: Buffer) => {
  const file = path.join(tempDir(), 'x.csv');
  fs.writeFileSync(file, bytes);
  return file;
};
const encodingOf = async (bytes: Buffer) => (await chooseEncoding(fileOf(bytes))).encoding;

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
    expect(parseDateTime('2026-01-15 09:30', tz, 'Date')).toEqual({
      at: '2026-01-15T09:30:00.000Z',
      localDay: '2026-01-15',
    });
    expect(parseDateTime('15/07/2026 09:30:15', tz, 'Date')).toEqual({
      at: '2026-07-15T08:30:15.000Z',
      localDay: '2026-07-15',
    });
    expect(parseDateTime('2026-03-29T00:30', tz, 'Date').at).toBe('2026-03-29T00:30:00.000Z'); // before the switch
    expect(parseDateTime('2026-03-29T03:30', tz, 'Date').at).toBe('2026-03-29T02:30:00.000Z'); // after it
    expect(parseDateTime('2026-07-15T09:30:00+02:00', tz, 'Date')).toEqual({
      at: '2026-07-15T07:30:00.000Z',
      localDay: null,
    });
    expect(parseDateTime('2026-07-15 09:30Z', tz, 'Date').at).toBe('2026-07-15T09:30:00.000Z');
    expect(parseDateTime('2026-07-15 23:30', 'America/New_York', 'Date').at).toBe('2026-07-16T03:30:00.000Z');
    expect(() => parseDateTime('2026-07-15 25:00', tz, 'Date')).toThrow(/impossible time/);
    expect(() => parseDateTime('soon', tz, 'Date')).toThrow(/not a date/);
  });
});

describe('reading the file format', () => {
  it('detects BOM, UTF-8 and Windows-1252 from the whole file', async () => {
    expect(await encodingOf(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('utf-8-bom');
    expect(await encodingOf(Buffer.from('Zoë', 'utf8'))).toBe('utf-8');
    expect(await encodingOf(Buffer.from([0x5a, 0x6f, 0xeb]))).toBe('windows-1252');
    expect(await encodingOf(Buffer.from('ab', 'ascii'))).toBe('utf-8');
    expect(await encodingOf(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBe('utf-16le');
    await expect(chooseEncoding(fileOf(Buffer.from([0xfe, 0xff, 0x00, 0x41])))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('UTF-16 big-endian'),
    });
    // The end of the file may not cut a character in two.
    expect(await encodingOf(Buffer.from('Zoë', 'utf8').subarray(0, 3))).toBe('windows-1252');
  });

  it('keeps a character cut by the edge of a read chunk whole, wherever the edge falls', async () => {
    for (const at of [SCAN_CHUNK_BYTES - 1, SCAN_CHUNK_BYTES - 2, SCAN_CHUNK_BYTES - 3]) {
      const bytes = Buffer.concat([Buffer.from('Name\n'), Buffer.alloc(at - 5, 0x61), Buffer.from('€𠀀ë\n', 'utf8')]);
      expect(await chooseEncoding(fileOf(bytes))).toMatchObject({ encoding: 'utf-8', mixed: false, clean: true });
    }
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

  it('takes the line break from the end of the header line, outside quotes', () => {
    expect(detectLineBreak('a,b\r\n1,2')).toBe('\r\n');
    expect(detectLineBreak('a,b\n1,2\r\n')).toBe('\n');
    expect(detectLineBreak('a,b\r1,2')).toBe('\r');
    expect(detectLineBreak('"a\nb",c\r\n')).toBe('\r\n');
    // Not known yet: no line end in the sample, or a CR that may be the first half of CRLF.
    expect(detectLineBreak('a,b,c')).toBeNull();
    expect(detectLineBreak('a,b\r')).toBeNull();
  });

  it('compares header names without case, spacing, punctuation or accents', () => {
    expect(headerKey(' E-Mail ')).toBe('email');
    expect(headerKey('first_name')).toBe('firstname');
    expect(headerKey('Zurückgegeben')).toBe('zuruckgegeben');
  });
});
