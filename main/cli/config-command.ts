// `counterpart config check FILE`: IT checks a managed config file before deploying it, with the same validation the
// app runs at start-up, but listing every problem at once and naming, for each unknown key, the setting it is nearest.
import path from 'node:path';
import { readConfigFile, type ConfigProblem } from '../config/managed-config';
import { command } from './command';
import { EXIT, noMoreArguments, UsageError } from './common';

const line = (p: ConfigProblem) =>
  p.key === null ? `  ${p.expected}` : `  "${p.key}" ${p.expected.replace(/; known: .*\)$/, ')')}`;

export const CODE_NOT_SHOWN = '(set, not shown)';
const HUB_NOTE =
  'A terminal whose store is in no chain yet joins the hub with it at start; a store that joined a hub already ignores it.';

export const configCheck = command({
  name: 'config check',
  summary: 'validate a managed config file before deploying it',
  usage: 'FILE',
  help: 'Exits 0 when the app would start with it, 1 when not (every problem listed), 2 for bad arguments.',
  store: false,
  options: {},
  run({ positionals }) {
    const [given, ...extra] = positionals;
    if (!given) throw new UsageError('Name the config file: counterpart config check FILE.');
    noMoreArguments(extra);
    const file = path.resolve(given);
    const { values, problems } = readConfigFile(file, { absentIsEmpty: false })!;
    if (problems.length === 0) {
      const keys = Object.keys(values ?? {});
      // The enrolment code is a secret until a terminal spends it: the report (often kept in a deployment log) says
      // that one is set, not which.
      const settings = values?.hub ? { ...values, hub: { ...values.hub, enrolmentCode: CODE_NOT_SHOWN } } : values;
      const hub = values?.hub ? ` ${HUB_NOTE}` : '';
      return {
        value: { file, valid: true, settings, problems },
        text: `${file} is valid: ${keys.length ? `it sets ${keys.join(', ')}` : 'it sets nothing, so every setting stays at its default'}.${hub}`,
      };
    }
    return {
      value: { file, valid: false, settings: null, problems },
      text: [`${file} is not valid; the app would not start with it:`, ...problems.map(line)].join('\n'),
      exit: EXIT.failed,
    };
  },
});
