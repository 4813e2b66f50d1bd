// Joining a hub: trade the one-time code for this terminal's credential and keep it beside the store.
import fs from 'node:fs';
import path from 'node:path';
import { AppError, words } from '@common/errors';
import { ENROLMENT_CODE_LENGTH, enrolmentCodeSchema } from '@common/sync/api';
import { APP_VERSION } from '../services/app-info';
import type { DB } from '../db/connection';
import { callHub } from './hub-client';
import { startClerkSync } from './clerks-sync';
import { startOutbox } from './replica';
import { hubAddress } from './hub-address';
import { hubLinkFile, linkView, readHubLink, writeHubLink, type HubLinkView } from './hub-link';

/**
 * `db` is the store of `dbFile`, opened: from the moment it has joined, every change it takes is queued for the hub
 * (and what it held before is queued at once).
 */
export async function joinHub(input: {
  dbFile: string;
  db: DB;
  hubUrl: string;
  code: string;
  allowHttp?: boolean;
  now?: () => Date;
}): Promise<HubLinkView> {
  const hubUrl = hubAddress(input.hubUrl, input.allowHttp);
  const code = enrolmentCodeSchema.safeParse(input.code);
  if (!code.success) throw new AppError('VALIDATION', words('sync.notACode', { length: ENROLMENT_CODE_LENGTH }));
  const existing = readHubLink(input.dbFile);
  if (existing) {
    throw new AppError(
      'CONFLICT',
      words('sync.alreadyJoined', {
        hub: existing.hubUrl,
        terminal: existing.terminal.name,
        store: existing.store.name,
        file: hubLinkFile(input.dbFile),
      }),
    );
  }
  // Checked before the code is spent: a code traded for a credential that cannot be kept would be lost.
  try {
    fs.accessSync(path.dirname(hubLinkFile(input.dbFile)), fs.constants.W_OK);
  } catch {
    throw new AppError('FORBIDDEN', words('sync.cannotWrite', { folder: path.dirname(input.dbFile) }));
  }
  const enrolled = await callHub(hubUrl, 'enrol', { code: code.data, appVersion: APP_VERSION });
  const link = {
    hubUrl,
    terminal: enrolled.terminal,
    store: enrolled.store,
    credential: enrolled.credential,
    joinedAt: (input.now?.() ?? new Date()).toISOString(),
  };
  writeHubLink(input.dbFile, link);
  startOutbox(input.db, link.terminal.id);
  startClerkSync(input.db, link.store);
  return linkView(link);
}
