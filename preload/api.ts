// Names only (common/methods.ts): importing the contract's values would bundle zod into the preload.
import type { CounterpartBridge } from '@common/contract';
import { channelFor, METHOD_NAMES } from '@common/methods';
import type { Envelope } from '@common/errors';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

/**
 * window.counterpart: one function per contract method and nothing else. The page never sees ipcRenderer, channel
 * names or event objects; a broken channel still resolves to an envelope so the renderer has one error path.
 */
export function buildBridge(invoke: Invoke): CounterpartBridge {
  const api: Record<string, (input: unknown) => Promise<Envelope<unknown>>> = {};
  for (const method of METHOD_NAMES) {
    const channel = channelFor(method);
    api[method] = async (input) => {
      try {
        return (await invoke(channel, input === undefined ? {} : input)) as Envelope<unknown>;
      } catch {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: 'Counterpart could not reach its database service. Restart the app.' },
        };
      }
    };
  }
  return Object.freeze(api) as unknown as CounterpartBridge;
}
