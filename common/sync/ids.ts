// Global ids for everything that travels between terminals and the hub. Local integer ids stay local to one SQLite
// file; a row that leaves it carries a UUID v7 made where the row was born, so terminals make ids offline without
// asking anyone, and the ids still sort by creation time (to the millisecond) in PostgreSQL's indexes.
import { z } from 'zod';

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const uuidV7Schema = z.string().regex(UUID_V7, 'expected a UUID v7 (lower-case)');

/** RFC 9562 version 7: 48 bits of Unix milliseconds, the version and variant bits, 74 random bits. */
export function uuidv7(
  nowMs: number = Date.now(),
  fill: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const b = fill(new Uint8Array(16));
  let ms = Math.floor(nowMs);
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The creation time a UUID v7 carries. */
export function uuidv7Time(id: string): Date {
  return new Date(parseInt(id.replace(/-/g, '').slice(0, 12), 16));
}
