// The names of the backend's methods as a plain list: what the preload needs to build window.counterpart, without
// the contract's zod schemas (the preload is bundled on its own, and zod would be most of it). The contract in
// contract.ts must declare exactly these (a type check there and tests/unit/preload-bridge.test.ts hold them equal).

export const METHOD_NAMES = [
  'app.info', 'app.reportRenderError', 'app.setupDemo', 'app.setupEmpty',
  'recovery.status', 'recovery.restore', 'recovery.startFresh',
  'backups.list', 'backups.run', 'backups.restore',
  'clerks.list', 'clerks.create', 'clerks.resetPin', 'clerks.changeOwnPin',
  'session.current', 'session.signIn', 'session.signOut',
  'sync.state',
  'audit.list',
  'customers.search', 'customers.byCard', 'customers.get', 'customers.timeline', 'customers.findDuplicates',
  'customers.create', 'customers.update', 'customers.exportData', 'customers.erase',
  'suggestions.forCustomer',
  'interactions.log', 'interactions.amend', 'recovery.guide',
  'drafts.get', 'drafts.save', 'drafts.clear',
  'reports.day', 'reports.kpis', 'reports.trend', 'reports.exportCsv', 'reports.exportPdf',
  'followups.list', 'followups.counter', 'followups.assign',
  'interactions.review',
  'diagnostics.export',
  'settings.get', 'settings.set',
  'imports.begin', 'imports.chunk', 'imports.start', 'imports.status', 'imports.latest', 'imports.errors',
  'playbook.list', 'playbook.get', 'playbook.save', 'playbook.setEnabled', 'playbook.preview', 'playbook.export',
  'playbook.import', 'playbook.stats', 'playbook.restoreVersion',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

/** The IPC channel a method travels on; one channel per method, never a catch-all. */
export const channelFor = (m: MethodName): string => `counterpart:${m}`;
