import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: crypto.ScryptOptions,
) => Promise<Buffer>;

// scrypt with N=2^15 costs ~0.1 s per guess: a 4-digit PIN space still falls to an offline attacker with the file,
// so the lockout in accounts.ts is the real defence at the terminal; the hash keeps PINs out of plain sight and out of logs.
const PARAMS = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LEN = 32;
const SALT_BYTES = 16;

const encode = (salt: Buffer, key: Buffer) =>
  `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;

/** A fresh random salt every time, so two clerks with the same PIN never share a hash. */
export async function hashPin(pin: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  return encode(salt, await scrypt(pin, salt, KEY_LEN, PARAMS));
}

/**
 * hashPin without the event loop, for the demo seed, which writes its clerks inside one synchronous transaction.
 * It blocks for ~0.1 s per hash, so it is only for a handful of PINs.
 */
export function hashPinSync(pin: string): string {
  const salt = crypto.randomBytes(SALT_BYTES);
  return encode(salt, crypto.scryptSync(pin, salt, KEY_LEN, PARAMS));
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(pin, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return crypto.timingSafeEqual(actual, expected);
}
