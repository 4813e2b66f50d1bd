import type Database from 'better-sqlite3';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-accounts';
import * as m0003 from './0003-playbook';
import * as m0004 from './0004-review';
import * as m0005 from './0005-import';
import * as m0006 from './0006-name-words';
import * as m0007 from './0007-last4-by-visit';
import * as m0008 from './0008-customer-edits';
import * as m0009 from './0009-fts-secure-delete';
import * as m0010 from './0010-settle-issues';
import * as m0011 from './0011-sync';
import * as m0012 from './0012-till-imports';
import * as m0013 from './0013-recovery';
import * as m0014 from './0014-template-defaults';
import * as m0015 from './0015-sync-interactions';
import * as m0016 from './0016-sync-merges';
import * as m0017 from './0017-counter-glance';
import * as m0018 from './0018-sync-erased-entries';
import * as m0019 from './0019-sync-purchases';
import * as m0020 from './0020-clerk-sync';
import * as m0021 from './0021-playbook-chain';
import * as m0022 from './0022-name-word-grams';
import * as m0023 from './0023-sync-sent';
import * as m0024 from './0024-held-visit-stats';
import * as m0025 from './0025-name-by-visit';

export interface Migration {
  name: string;
  up(db: Database.Database): void;
}

/** Ordered: entry N (1-based) brings the schema to user_version N. Never edit a released entry; add a new one. */
export const MIGRATIONS: Migration[] = [
  { name: '0001-initial', up: m0001.up },
  { name: '0002-accounts', up: m0002.up },
  { name: '0003-playbook', up: m0003.up },
  { name: '0004-review', up: m0004.up },
  { name: '0005-import', up: m0005.up },
  { name: '0006-name-words', up: m0006.up },
  { name: '0007-last4-by-visit', up: m0007.up },
  { name: '0008-customer-edits', up: m0008.up },
  { name: '0009-fts-secure-delete', up: m0009.up },
  { name: '0010-settle-issues', up: m0010.up },
  { name: '0011-sync', up: m0011.up },
  { name: '0012-till-imports', up: m0012.up },
  { name: '0013-recovery', up: m0013.up },
  { name: '0014-template-defaults', up: m0014.up },
  { name: '0015-sync-interactions', up: m0015.up },
  { name: '0016-sync-merges', up: m0016.up },
  { name: '0017-counter-glance', up: m0017.up },
  { name: '0018-sync-erased-entries', up: m0018.up },
  { name: '0019-sync-purchases', up: m0019.up },
  { name: '0020-clerk-sync', up: m0020.up },
  { name: '0021-playbook-chain', up: m0021.up },
  { name: '0022-name-word-grams', up: m0022.up },
  { name: '0023-sync-sent', up: m0023.up },
  { name: '0024-held-visit-stats', up: m0024.up },
  { name: '0025-name-by-visit', up: m0025.up },
];
