// The hub's two kinds of secret: a terminal's credential (256 random bits, kept for good) and an enrolment code
// (80 random bits, one use within a day). Both are stored only as SHA-256 digests. A slow password hash (scrypt,
// argon2) exists to make guessing *low-entropy* secrets expensive; these are machine-made random strings, so no
// dictionary helps and 2^80 or 2^256 guesses stay out of reach at any hash speed. A plain digest also lets the hub
// find the terminal by an indexed equality lookup on every request, instead of paying a deliberately slow hash
// per call. Comparing digests leaks nothing useful through timing: nobody can steer a digest's bytes.
import crypto from 'node:crypto';
import { ENROLMENT_CODE_ALPHABET, ENROLMENT_CODE_LENGTH } from '@common/sync/api';

export const sha256 = (secret: string): Buffer => crypto.createHash('sha256').update(secret, 'utf8').digest();

/** cpt1_ + 32 random bytes, base64url (matches CREDENTIAL_PATTERN). */
export const newCredential = (): string => `cpt1_${crypto.randomBytes(32).toString('base64url')}`;

/** 16 characters from the 32-letter alphabet: each random byte's low 5 bits, so every letter is equally likely. */
export function newEnrolmentCode(): string {
  return Array.from(crypto.randomBytes(ENROLMENT_CODE_LENGTH), (b) => ENROLMENT_CODE_ALPHABET[b & 31]!).join('');
}
