import type { MethodName, MethodOutput, ParsedInput } from '../../common/contract';
import { AppError } from '../../common/errors';
import { listClerks, requireClerk } from '../services/clerks';
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
import type { Clerk } from '../../common/domain';
import { diagnosticsHandlers } from './diagnostics-handlers';
import { reportHandlers } from './report-handlers';
import { playbookHandlers } from './playbook-handlers';
import { privacyHandlers } from './privacy-handlers';
import { settingsHandlers } from './settings-handlers';
import { importHandlers } from './import-handlers';
import type { Session } from './session';

export type Handler<M extends MethodName> = (
  ctx: ServiceContext,
  session: Session,
  input: ParsedInput<M>,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type HandlerMap = { [M in MethodName]: Handler<M> };
export type PartialHandlers = { [M in MethodName]?: Handler<M> };

/** The clerk at the terminal. The dispatcher has already checked the session and role before any handler runs. */
function actor(ctx: ServiceContext, session: Session): Clerk {
  if (session.clerkId === null) throw new AppError('FORBIDDEN', 'Sign in with your PIN first.');
  return requireClerk(ctx, session.clerkId);
}
const signedInClerk = (ctx: ServiceContext, session: Session): number => actor(ctx, session).id;

const appHandlers: PartialHandlers = {
  'app.info': (ctx) => appInfo(ctx),
  'clerks.list': (ctx) => listClerks(ctx),
  'session.current': (ctx, s) => (s.clerkId === null ? null : requireClerk(ctx, s.clerkId)),
  'session.signIn': async (ctx, s, i) => {
    const clerk = await signIn(ctx, i.clerkId, i.pin);
    s.clerkId = clerk.id;
    s.lastActivityAt = ctx.now().getTime();
    return clerk;
  },
  'session.signOut': (ctx, s) => {
    if (s.clerkId !== null) audit(ctx, s.clerkId, 'sign_out');
    s.clerkId = null;
    return null;
  },
  'clerks.create': (ctx, s, i) => createClerk(ctx, actor(ctx, s), i.displayName, i.role, i.pin),
  'clerks.resetPin': async (ctx, s, i) => {
    await resetPin(ctx, actor(ctx, s), i.clerkId, i.pin);
    return null;
  },
  'clerks.changeOwnPin': async (ctx, s, i) => {
    await changeOwnPin(ctx, signedInClerk(ctx, s), i.currentPin, i.newPin);
    return null;
  },
  'audit.list': (ctx, _s, i) => listAudit(ctx, i),
};

const customerHandlers: PartialHandlers = {
  'customers.search': (ctx, s, i) => {
    signedInClerk(ctx, s);
    return searchCustomers(ctx, i.query, i.limit);
  },
  'customers.byCard': (ctx, s, i) => {
    signedInClerk(ctx, s);
    return customerByCard(ctx, i.loyaltyId);
  },
  'customers.get': (ctx, s, i) => openProfile(ctx, actor(ctx, s), i.id),
  'customers.timeline': (ctx, s, i) => {
    signedInClerk(ctx, s);
    requireCustomer(ctx, i.id);
    return timeline(ctx, i.id, i.cursor, i.limit);
  },
  'customers.findDuplicates': (ctx, s, i) => {
    signedInClerk(ctx, s);
    return findDuplicates(ctx, i);
  },
  'customers.create': (ctx, s, i) => createCustomer(ctx, i, signedInClerk(ctx, s)),
  'customers.update': (ctx, s, i) => {
    const clerk = actor(ctx, s);
    updateCustomer(ctx, clerk.id, i.id, i.changes);
    return profileFor(ctx, clerk, i.id);
  },
};

const counterHandlers: PartialHandlers = {
  'suggestions.forCustomer': (ctx, s, i) =>
    suggestFor(ctx, { customerId: i.customerId, clerkId: signedInClerk(ctx, s) }),
  'interactions.log': (ctx, s, i) => logWithApproval(ctx, signedInClerk(ctx, s), i),
  'interactions.amend': (ctx, s, i) => amendInteraction(ctx, signedInClerk(ctx, s), i),
  'recovery.guide': (ctx, s, i) => recoveryGuide(ctx, actor(ctx, s), i.customerId, i.severity),
  'drafts.get': (ctx, s, i) => getDraft(ctx, draftKey(ctx, signedInClerk(ctx, s), i.key)),
  'drafts.save': (ctx, s, i) => {
    saveDraft(ctx, draftKey(ctx, signedInClerk(ctx, s), i.key), i.body);
    return null;
  },
  'drafts.clear': (ctx, s, i) => {
    clearDraft(ctx, draftKey(ctx, signedInClerk(ctx, s), i.key));
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

export const handlers: PartialHandlers = mergeHandlers(
  appHandlers,
  customerHandlers,
  counterHandlers,
  reportHandlers,
  diagnosticsHandlers,
  playbookHandlers,
  importHandlers,
  settingsHandlers,
  privacyHandlers,
);
