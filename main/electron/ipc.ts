import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channelFor, METHOD_NAMES } from '@common/contract';
import type { Envelope } from '@common/errors';
import type { Dispatch, Logger } from '../ipc/dispatch';
import { newSession, type Session } from '../ipc/session';
import { isTrustedSender, type UrlCheck } from './trust';

export interface IpcOptions {
  dispatch: Dispatch;
  isAppUrl: UrlCheck;
  isOwnWebContents: (wc: WebContents) => boolean;
  log: Logger;
}

const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This window may not use Counterpart.' },
};

/**
 * One ipcMain.handle per contract method (ipcMain throws on a second registration, so a duplicate fails at start-up).
 * Each window gets its own Session, dropped with the window.
 */
export function registerIpc({ dispatch, isAppUrl, isOwnWebContents, log }: IpcOptions): () => void {
  const sessions = new WeakMap<WebContents, Session>();
  const sessionFor = (wc: WebContents): Session => {
    let s = sessions.get(wc);
    if (!s) {
      s = newSession();
      sessions.set(wc, s);
    }
    return s;
  };
  for (const method of METHOD_NAMES) {
    ipcMain.handle(channelFor(method), (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame;
      const trusted = isTrustedSender(
        { frame: frame ? { url: frame.url, parent: frame.parent } : null, ownWindow: isOwnWebContents(event.sender) },
        isAppUrl,
      );
      if (!trusted) {
        log(`refused ${method} from an untrusted frame`);
        return FORBIDDEN;
      }
      return dispatch(method, input, sessionFor(event.sender));
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(channelFor(method));
  };
}
