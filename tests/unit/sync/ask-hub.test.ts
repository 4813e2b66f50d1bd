// The hub's answers as the back office gets them (askHubFor): each refusal becomes one of the contract's codes with
// the hub's own sentence behind ours (in the store's language), so a screen can say what to do; the hub out of reach
// says so, with what waits on it.
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, words } from '@common/errors';
import { HUB_ERROR_CODES, protocolProblem, THIS_HUB_PROTOCOLS } from '@common/sync/protocol';
import { askHubFor, HubRefused, HubUnreachable } from '../../../main/sync/hub-client';

const refusedAs = async (err: Error) => {
  try {
    await askHubFor(() => Promise.reject(err), 'sync.mergesAway');
  } catch (e) {
    return e;
  }
  throw new Error('not refused');
};

describe('askHubFor', () => {
  it('gives every hub refusal a contract code and keeps its sentence', async () => {
    for (const code of HUB_ERROR_CODES) {
      const e = (await refusedAs(new HubRefused(code, `said ${code}`, 400))) as AppError;
      expect(e).toBeInstanceOf(AppError);
      expect(ERROR_CODES).toContain(e.code);
      expect(e.message).toMatch(new RegExp(`^(The hub|This terminal) .*: said ${code}$`));
      expect(e.toWire('de-DE').message).toMatch(new RegExp(`^(Der Hub|Diese Kasse) .*: said ${code}$`));
    }
  });

  it('says a code refused by the hub is forbidden, and a protocol too old or too new is a conflict to update', async () => {
    expect(await refusedAs(new HubRefused('UNAUTHENTICATED', 'This enrolment code expired', 401))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const tooOld = protocolProblem(THIS_HUB_PROTOCOLS.min - 1, THIS_HUB_PROTOCOLS)!;
    expect(await refusedAs(new HubRefused('UNSUPPORTED_VERSION', tooOld, 400))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('update Counterpart on this terminal'),
    });
  });

  it('adds what waits on the hub when it cannot be reached, and lets anything else through', async () => {
    const away = new HubUnreachable(words('sync.unreachable', { hub: 'https://x/', cause: 'ECONNREFUSED' }));
    expect(await refusedAs(away)).toMatchObject({
      code: 'CONFLICT',
      message:
        'The hub at https://x/ cannot be reached (ECONNREFUSED): check the address and that the hub is running. The merges are kept on the hub.',
    });
    const other = new Error('disk full');
    expect(await refusedAs(other)).toBe(other);
  });
});
