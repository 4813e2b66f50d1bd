// PLACEHOLDER — replaced by the suggestion engine.
import type { Suggestion } from '../../../common/domain';
import type { ServiceContext } from '../context';
export function suggestFor(_ctx: ServiceContext, _req: { customerId: number | null; clerkId: number }): Suggestion[] {
  return [];
}
