// Every `counterpart` command, in the order --help lists them. The one place a command is registered: runCli
// dispatches on these names, --help lists them, and tests walk them.
import { backup, restore } from './backup-command';
import type { Command } from './command';
import { configCheck } from './config-command';
import { customerUpdate } from './customer-update-command';
import { hubEnroll, hubGrant, hubMerges, hubRevoke, hubStart, hubTerminals, hubUnmerge } from './hub-command';
import { importFile } from './import-command';
import { init } from './init-command';
import { log } from './log-command';
import { search, show, suggest } from './lookup-commands';
import { playbookExport, playbookImport } from './playbook-command';
import { customerErase, customerExport } from './privacy-command';
import { report } from './report-command';
import { seed } from './seed-command';
import { syncJoin, syncNowCommand, syncStatusCommand } from './sync-command';

export const COMMANDS: readonly Command[] = [
  init,
  seed,
  search,
  show,
  suggest,
  log,
  customerUpdate,
  customerExport,
  customerErase,
  playbookExport,
  playbookImport,
  importFile,
  report,
  backup,
  restore,
  hubStart,
  hubEnroll,
  hubTerminals,
  hubRevoke,
  hubMerges,
  hubUnmerge,
  hubGrant,
  syncJoin,
  syncStatusCommand,
  syncNowCommand,
  configCheck,
];
