import type { Contract, MethodName, MethodOutput, ParsedInput } from '@common/contract';
import { listClerks } from '../services/clerks';
import type { ServiceContext } from '../services/context';
import { customerByCard, searchCustomers } from '../services/customer-search';
import { updateCustomer } from '../services/customer-edits';
import { createCustomer, findDuplicates, requireCustomer } from '../services/customers';
import { clearDraft, getDraft, saveDraft } from '../services/drafts';
import { timeline } from '../services/history';
import { openProfile, profileFor } from '../services/profile-views';
import { amendInteraction } from '../services/interactions';
import { recoveryGuide } from '../services/recovery';
import { logWithApproval } from '../services/recovery-approval';
import { suggestFor } from '../services/suggestions/index';
import { appInfo } from '../services/app-info';
import { changeOwnPin, createClerk, resetPin, signIn } from '../services/accounts';
import { audit, listAudit } from '../services/audit';
import type { Clerk } from '@common/domain';
import { diagnosticsHandlers } from './diagnostics-handlers';
import { reportHandlers } from './report-handlers';
import { playbookHandlers } from './playbook-handlers';
import { privacyHandlers } from './privacy-handlers';
import { settingsHandlers } from './settings-handlers';
import { importHandlers } from './import-handlers';
import { storeHandlers, type StoreDeps } from './store-handlers';
import { chainHandlers } from './chain-handlers';
import { checkHandlers, type Logger } from './dispatch';
import { renderReportHandlers } from './render-report-handlers';
import type { Session } from './session';

/**
 * One call as the dispatcher hands it to a handler: the session it came on, and the clerk the dispatcher resolved
 * from it and checked against the method's role. Handlers take the clerk from here and never look it up again.
 */
export interface Call<C extends Clerk | null = Clerk | null> {
  session: Session;
  clerk: C;
}

/** A method needing a role always gets its clerk; a public one gets whoever is signed in, or null. */
type ClerkOf<M extends MethodName> = Contract[M]['access'] extends 'public' ? Clerk | null : Clerk;

export type Handler<M extends MethodName> = (
  ctx: ServiceContext,
  call: Call<ClerkOf<M>>,
  input: ParsedInput<M>,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type HandlerMap = { [M in MethodName]: Handler<M> };
export type PartialHandlers = { [M in MethodName]?: Handler<M> };

const appHandlers: PartialHandlers = {
  'app.info': (ctx) => appInfo(ctx),
  'clerks.list': (ctx) => listClerks(ctx),
  'session.current': (_ctx, { clerk }) => clerk,
  'session.signIn': async (ctx, { session }, i) => {
    const clerk = await signIn(ctx, i.clerkId, i.pin);
    session.clerkId = clerk.id;
    session.lastActivityAt = ctx.now().getTime();
    return clerk;
  },
  'session.signOut': (ctx, { session, clerk }) => {
    if (clerk) audit(ctx, clerk.id, 'sign_out');
    session.clerkId = null;
    return null;
  },
  'clerks.create': (ctx, { clerk }, i) => createClerk(ctx, clerk, i.displayName, i.role, i.pin),
  'clerks.resetPin': async (ctx, { clerk }, i) => {
    await resetPin(ctx, clerk, i.clerkId, i.pin);
    return null;
  },
  'clerks.changeOwnPin': async (ctx, { clerk }, i) => {
    await changeOwnPin(ctx, clerk.id, i.currentPin, i.newPin);
    return null;
  },
  'audit.list': (ctx, _call, i) => listAudit(ctx, i),
};

const customerHandlers: PartialHandlers = {
  'customers.search': (ctx, _call, i) => searchCustomers(ctx, i.query, i.limit),
  'customers.byCard': (ctx, _call, i) => customerByCard(ctx, i.loyaltyId),
  'customers.get': (ctx, { clerk }, i) => openProfile(ctx, clerk, i.id),
  'customers.timeline': (ctx, _call, i) => {
    requireCustomer(ctx, i.id);
    return timeline(ctx, i.id, i.cursor, i.limit);
  },
  'customers.findDuplicates': (ctx, _call, i) => findDuplicates(ctx, i),
  'customers.create': (ctx, { clerk }, i) => createCustomer(ctx, i, clerk.id),
  'customers.update': (ctx, { clerk }, i) => {
    updateCustomer(ctx, clerk.id, i.id, i.changes);
    return profileFor(ctx, clerk, i.id);
  },
};

const counterHandlers: PartialHandlers = {
  'suggestions.forCustomer': (ctx, { clerk }, i) => suggestFor(ctx, { customerId: i.customerId, clerkId: clerk.id }),
  'interactions.log': (ctx, { clerk }, i) => logWithApproval(ctx, clerk.id, i),
  'interactions.amend': (ctx, { clerk }, i) => amendInteraction(ctx, clerk.id, i),
  'recovery.guide': (ctx, { clerk }, i) => recoveryGuide(ctx, clerk, i.customerId, i.severity),
  'drafts.get': (ctx, { clerk }, i) => getDraft(ctx, draftKey(ctx, clerk.id, i.key)),
  'drafts.save': (ctx, { clerk }, i) => {
    saveDraft(ctx, draftKey(ctx, clerk.id, i.key), i.body);
    return null;
  },
  'drafts.clear': (ctx, { clerk }, i) => {
    clearDraft(ctx, draftKey(ctx, clerk.id, i.key));
    return null;
  },
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

/**
 * Every handler of the app, from this one list of groups: a method handled twice or not at all stops start-up. The
 * store's own methods (setup, sync, backups, recovery) need what only the backend holds, so it passes that in.
 */
export function allHandlers(store: StoreDeps, log: Logger): HandlerMap {
  return checkHandlers(
    mergeHandlers(
      appHandlers,
      customerHandlers,
      counterHandlers,
      reportHandlers,
      diagnosticsHandlers,
      playbookHandlers,
      importHandlers,
      settingsHandlers,
      privacyHandlers,
      storeHandlers(store),
      chainHandlers(store),
      renderReportHandlers(log),
    ),
  );
}
