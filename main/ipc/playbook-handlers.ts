import { AppError } from '../../common/errors';
import { requireClerk } from '../services/clerks';
import type { ServiceContext } from '../services/context';
import { requireCustomer } from '../services/customers';
import {
  exportPlaybook,
  getTemplate,
  importPlaybook,
  restoreVersion,
  saveTemplate,
  setEnabled,
} from '../services/suggestions/index';
import { playbookList, playbookStats, previewDraft } from '../services/suggestions/overview';
import type { PartialHandlers } from './handlers';
import type { Session } from './session';

/** The dispatcher has checked the role; the services check it again, so they need who is asking. */
function actorId(ctx: ServiceContext, session: Session): number {
  if (session.clerkId === null) throw new AppError('FORBIDDEN', 'Sign in with your PIN first.');
  return requireClerk(ctx, session.clerkId).id;
}

/** Playbook management in the back office. Every change is versioned and audited by the services. */
export const playbookHandlers: PartialHandlers = {
  'playbook.list': (ctx) => playbookList(ctx),
  'playbook.get': (ctx, _s, i) => getTemplate(ctx, i.id),
  'playbook.save': (ctx, s, i) => saveTemplate(ctx, actorId(ctx, s), i.template),
  'playbook.setEnabled': (ctx, s, i) => setEnabled(ctx, actorId(ctx, s), i.id, i.enabled),
  'playbook.preview': (ctx, s, i) => {
    if (i.customerId !== null) requireCustomer(ctx, i.customerId);
    return previewDraft(ctx, i.template, i.customerId, actorId(ctx, s), i.language);
  },
  'playbook.export': (ctx) => `${JSON.stringify(exportPlaybook(ctx), null, 2)}\n`,
  'playbook.import': (ctx, s, i) => importPlaybook(ctx, actorId(ctx, s), i.json),
  'playbook.stats': (ctx) => playbookStats(ctx),
  'playbook.restoreVersion': (ctx, s, i) => restoreVersion(ctx, actorId(ctx, s), i.id, i.version),
};
