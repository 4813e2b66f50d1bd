// `counterpart playbook export FILE` and `counterpart playbook import FILE`: the response playbook as a JSON file, for
// moving a tuned playbook between stores or keeping it under review. Import is all-or-nothing and versioned like an
// edit in the app, recorded against the acting manager.
import fs from 'node:fs';
import { exportPlaybook, importPlaybook } from '../services/suggestions/manage';
import { actingClerk, COMMON_OPTIONS, EXIT, json, openStore, parse, UsageError, type Io } from './common';

export const PLAYBOOK_USAGE = 'counterpart playbook export FILE.json | import FILE.json [--clerk ID] [--db FILE] [--json]';

export function runPlaybook(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { ...COMMON_OPTIONS, clerk: { type: 'string' } });
  const [action, file, ...extra] = positionals;
  if (action !== 'export' && action !== 'import') {
    throw new UsageError(action ? `Unknown playbook command "${action}": use export or import.` : 'Say what to do: export or import.');
  }
  if (!file) throw new UsageError(`Give the playbook file: counterpart playbook ${action} FILE.json.`);
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  if (action === 'export' && fs.existsSync(file)) throw new UsageError(`${file} already exists; choose a new file name.`);
  let text = '';
  if (action === 'import') {
    if (!fs.existsSync(file)) throw new UsageError(`No playbook file at ${file}.`);
    text = fs.readFileSync(file, 'utf8');
  }

  const store = openStore(values.db, io, { mustExist: true });
  try {
    const { ctx } = store;
    if (action === 'export') {
      const playbook = exportPlaybook(ctx);
      fs.writeFileSync(file, `${JSON.stringify(playbook, null, 2)}\n`, { flag: 'wx' });
      if (values.json) json(io, { file, templates: playbook.templates.length });
      else io.stdout.write(`Exported ${playbook.templates.length} templates to ${file}.\n`);
      return EXIT.ok;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new UsageError(`${file} is not JSON: ${(err as Error).message}`);
    }
    const clerk = actingClerk(ctx, values.clerk);
    const result = importPlaybook(ctx, clerk.id, parsed);
    if (values.json) json(io, result);
    else {
      io.stdout.write(
        `Imported ${file} as ${clerk.displayName}: ${result.added.length} added, ${result.updated.length} updated, ` +
          `${result.unchanged.length} unchanged.\n`,
      );
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}
