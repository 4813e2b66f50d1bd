// Joining a hub: trade the one-time code for this terminal's credential and keep it beside the store.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../common/errors';
import { enrolmentCodeSchema } from '../../common/sync/api';
import { APP_VERSION } from '../services/app-info';
import type { DB } from '../db/connection';
import { callHub } from './hub-client';
import { startClerkSync } from './clerks-sync';
import { startOutbox } from './replica';
import { hubLinkFile, linkView, readHubLink, writeHubLink, type HubLinkView } from './hub-link';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The hub's address, normalised (one trailing slash, no query). Plain http only to this machine unless allowed: the
 * credential travels with every request, so across a network it needs TLS (a reverse proxy in front of the hub).
 */
export function hubAddress(text: string, allowHttp = false): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('VALIDATION', `"${text}" is not a hub address; give it like https://hub.example.com/.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError('VALIDATION', `A hub address starts with https:// (not ${url.protocol}//).`);
  if (url.username || url.password || url.search || url.hash) {
    throw new AppError('VALIDATION', 'Give the hub address without a user name, password, query or #fragment.');
  }
  if (url.protocol === 'http:' && !allowHttp && !LOOPBACK.test(url.hostname)) {
    throw new AppError(
      'VALIDATION',
      "A hub on another machine must be reached over https (this terminal's credential travels with every request). " +
        'Plain http is for a network you trust only, joined from the command line: counterpart sync join --allow-http.',
    );
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.toString();
}

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
