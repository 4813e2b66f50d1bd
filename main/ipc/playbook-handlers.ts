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

/**
 * Playbook management in the back office. Every change is versioned and audited by the services, which check the role
 * again and so are given who is asking.
 */
export const playbookHandlers: PartialHandlers = {
  'playbook.list': (ctx) => playbookList(ctx),
  'playbook.get': (ctx, _call, i) => getTemplate(ctx, i.id),
  'playbook.save': (ctx, { clerk }, i) => saveTemplate(ctx, clerk.id, i.template),
  'playbook.setEnabled': (ctx, { clerk }, i) => setEnabled(ctx, clerk.id, i.id, i.enabled),
  'playbook.preview': (ctx, { clerk }, i) => {
    if (i.customerId !== null) requireCustomer(ctx, i.customerId);
    return previewDraft(ctx, i.template, i.customerId, clerk.id, i.language);
  },
  'playbook.export': (ctx) => `${JSON.stringify(exportPlaybook(ctx), null, 2)}\n`,
  'playbook.import': (ctx, { clerk }, i) => importPlaybook(ctx, clerk.id, i.json),
  'playbook.stats': (ctx) => playbookStats(ctx),
  'playbook.restoreVersion': (ctx, { clerk }, i) => restoreVersion(ctx, clerk.id, i.id, i.version),
};
