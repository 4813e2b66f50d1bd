// `counterpart playbook export FILE` and `counterpart playbook import FILE`: the response playbook as a JSON file, for
// moving a tuned playbook between stores or keeping it under review. Import is all-or-nothing and versioned like an
// edit in the app, recorded against the acting manager.
import fs from 'node:fs';
import { exportPlaybook, importPlaybook } from '../services/suggestions/manage';
import { command } from './command';
import { actingClerk, noMoreArguments, UsageError } from './common';

/** The one file argument both take. */
function fileArg(positionals: string[], action: string): string {
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError(`Give the playbook file: counterpart playbook ${action} FILE.json.`);
  noMoreArguments(extra);
  return file;
}

export const playbookExport = command({
  name: 'playbook export',
  summary: 'the response playbook into a new JSON file',
  usage: 'FILE.json',
  options: {},
  run({ positionals, store }) {
    const file = fileArg(positionals, 'export');
    if (fs.existsSync(file)) throw new UsageError(`${file} already exists; choose a new file name.`);
    const playbook = exportPlaybook(store().ctx);
    fs.writeFileSync(file, `${JSON.stringify(playbook, null, 2)}\n`, { flag: 'wx' });
    return {
      value: { file, templates: playbook.templates.length },
      text: `Exported ${playbook.templates.length} templates to ${file}.`,
    };
  },
});

export const playbookImport = command({
  name: 'playbook import',
  summary: 'a playbook JSON file, all or nothing; each change becomes a new template version',
  usage: 'FILE.json [--clerk ID]',
  options: { clerk: { type: 'string' } },
  run({ values, positionals, store }) {
    const file = fileArg(positionals, 'import');
    if (!fs.existsSync(file)) throw new UsageError(`No playbook file at ${file}.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new UsageError(`${file} is not JSON: ${(err as Error).message}`);
    }
    const { ctx } = store();
    const clerk = actingClerk(ctx, values.clerk);
    const result = importPlaybook(ctx, clerk.id, parsed);
    return {
      value: result,
      text:
        `Imported ${file} as ${clerk.displayName}: ${result.added.length} added, ${result.updated.length} updated, ` +
        `${result.unchanged.length} unchanged.`,
    };
  },
});
