import type { MethodName, MethodOutput, ParsedInput } from '../../common/contract';
import { AppError } from '../../common/errors';
import { listClerks, requireClerk } from '../services/clerks';
import type { ServiceContext } from '../services/context';
import { customerByCard, searchCustomers } from '../services/customer-search';
import { createCustomer, findDuplicates, getProfile, requireCustomer } from '../services/customers';
import { clearDraft, getDraft, saveDraft } from '../services/drafts';
import { timeline } from '../services/history';
import { amendInteraction, logInteraction } from '../services/interactions';
import { suggestFor } from '../services/suggestions/index';
import { appInfo } from '../services/app-info';
import type { Session } from './session';

export type Handler<M extends MethodName> = (
  ctx: ServiceContext,
  session: Session,
  input: ParsedInput<M>,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type HandlerMap = { [M in MethodName]: Handler<M> };
export type PartialHandlers = { [M in MethodName]?: Handler<M> };

function signedInClerk(ctx: ServiceContext, session: Session): number {
  if (session.clerkId === null) throw new AppError('FORBIDDEN', 'Choose who you are before working at the counter.');
  return requireClerk(ctx, session.clerkId).id;
}

const appHandlers: PartialHandlers = {
  'app.info': (ctx) => appInfo(ctx),
  'clerks.list': (ctx) => listClerks(ctx),
  'session.current': (ctx, s) => (s.clerkId === null ? null : requireClerk(ctx, s.clerkId)),
  'session.signIn': (ctx, s, i) => {
    const clerk = requireClerk(ctx, i.clerkId);
    s.clerkId = clerk.id;
    return clerk;
  },
  'session.signOut': (_ctx, s) => {
    s.clerkId = null;
    return null;
  },
};

const customerHandlers: PartialHandlers = {
  'customers.search': (ctx, s, i) => (signedInClerk(ctx, s), searchCustomers(ctx, i.query, i.limit)),
  'customers.byCard': (ctx, s, i) => (signedInClerk(ctx, s), customerByCard(ctx, i.loyaltyId)),
  'customers.get': (ctx, s, i) => (signedInClerk(ctx, s), getProfile(ctx, i.id)),
  'customers.timeline': (ctx, s, i) => {
    signedInClerk(ctx, s);
    requireCustomer(ctx, i.id);
    return timeline(ctx, i.id, i.cursor, i.limit);
  },
  'customers.findDuplicates': (ctx, s, i) => (signedInClerk(ctx, s), findDuplicates(ctx, i)),
  'customers.create': (ctx, s, i) => (signedInClerk(ctx, s), createCustomer(ctx, i)),
};

const counterHandlers: PartialHandlers = {
  'suggestions.forCustomer': (ctx, s, i) => suggestFor(ctx, { customerId: i.customerId, clerkId: signedInClerk(ctx, s) }),
  'interactions.log': (ctx, s, i) => logInteraction(ctx, signedInClerk(ctx, s), i),
  'interactions.amend': (ctx, s, i) => amendInteraction(ctx, signedInClerk(ctx, s), i),
  'drafts.get': (ctx, s, i) => getDraft(ctx, draftKey(ctx, signedInClerk(ctx, s), i.key)),
  'drafts.save': (ctx, s, i) => (saveDraft(ctx, draftKey(ctx, signedInClerk(ctx, s), i.key), i.body), null),
  'drafts.clear': (ctx, s, i) => (clearDraft(ctx, draftKey(ctx, signedInClerk(ctx, s), i.key)), null),
};

/** Drafts are per terminal and clerk, so two clerks sharing a till never see each other's unsent notes. */
const draftKey = (ctx: ServiceContext, clerkId: number, key: string) => `${ctx.config.terminalId}:${clerkId}:${key}`;

/** Merges per-domain handler maps; a method handled twice is a programming error caught at start-up. */
export function mergeHandlers(...maps: PartialHandlers[]): PartialHandlers {
  const out: Record<string, unknown> = {};
  for (const m of maps) {
    for (const [name, h] of Object.entries(m)) {
      if (name in out) throw new Error(`Handler for ${name} registered twice`);
      out[name] = h;
    }
  }
  return out as PartialHandlers;
}

export const handlers: PartialHandlers = mergeHandlers(appHandlers, customerHandlers, counterHandlers);
