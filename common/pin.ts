// A clerk's PIN as every call checks it (signing in, setting one, a manager approving a grant at the counter): one
// rule, refused in catalogue words so the screen reads it in the store's language.
import { z } from 'zod';
import { refusal } from './errors';

export const pinSchema = z.string().refine((pin) => /^\d{4,8}$/.test(pin), refusal('clerks.pin'));
