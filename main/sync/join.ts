// Joining a hub: trade the one-time code for this terminal's credential and keep it beside the store.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@common/errors';
import { enrolmentCodeSchema } from '@common/sync/api';
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
  if (!code.success)
    throw new AppError('VALIDATION', `That is not an enrolment code: ${code.error.issues[0]!.message}.`);
  const existing = readHubLink(input.dbFile);
  if (existing) {
    throw new AppError(
      'CONFLICT',
      `This store already joined the hub at ${existing.hubUrl} as ${existing.terminal.name} (${existing.store.name}). To join again, ` +
        `have that terminal revoked on the hub, then delete ${hubLinkFile(input.dbFile)}.`,
    );
  }
  // Checked before the code is spent: a code traded for a credential that cannot be kept would be lost.
  try {
    fs.accessSync(path.dirname(hubLinkFile(input.dbFile)), fs.constants.W_OK);
  } catch {
    throw new AppError(
      'FORBIDDEN',
      `Cannot write beside the store in ${path.dirname(input.dbFile)}; joining needs to keep a file there.`,
    );
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
