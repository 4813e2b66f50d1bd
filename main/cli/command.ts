// The one plumbing every `counterpart` command runs through, so they all behave alike: the same argument parsing
// (--json and --help everywhere, --db on every command that works on a store), the same store resolution and
// closing, the same output (the result as JSON on stdout with --json, else the command's text), the same failures
// (one line on stderr, or `{ code, message }` on stdout with --json) and the same exit codes (0, 1, 2, 3).
import type { ParseArgsConfig } from 'node:util';
import {
  COMMON_OPTIONS,
  dbPath,
  EXIT,
  failure,
  openStoreAt,
  parse,
  STORE_OPTIONS,
  type ExitCode,
  type Io,
  type Store,
} from './common';

export type Options = NonNullable<ParseArgsConfig['options']>;
type AllOptions<O extends Options> = O & typeof COMMON_OPTIONS & typeof STORE_OPTIONS;
type Values<O extends Options> = ReturnType<typeof parse<AllOptions<O>>>['values'];

/** What a command did: the machine-readable result (--json) and the sentence(s) for a person. */
export interface Outcome {
  /** Printed as JSON with --json; undefined when the command printed its own lines as it went (hub start). */
  value: unknown;
  text: string;
  /** EXIT.rowsRefused when it finished but refused some of its input; EXIT.failed when what it checked failed. */
  exit?: ExitCode;
}

/** One invocation of a command, as its run() sees it. */
export interface Call<O extends Options = Options> {
  values: Values<O>;
  positionals: string[];
  io: Io;
  /** --json was given: print nothing meant for a person on stdout. */
  json: boolean;
  /** The store's path: --db, else $COUNTERPART_DB, else the managed config's databasePath, else ./counterpart.db. */
  storeFile(): string;
  /** Opens that store (refusing a missing one unless create) with the terminal's settings; closed when run() ends. */
  store(opts?: { create: boolean }): Store;
}

export interface Command<O extends Options = Options> {
  /** As typed after `counterpart`: "search", "customer erase", "hub enroll". */
  name: string;
  summary: string;
  /** The arguments after the name, without the --db/--json every command takes. */
  usage: string;
  /** Its own options; --json and --help are added, and --db unless `store` is false. */
  options: O;
  /** False for commands that never touch a store (the hub, config check): they take no --db. */
  store?: false;
  /** More lines for --help. */
  help?: string;
  run(call: Call<O>): Outcome | Promise<Outcome>;
}

/** Declares a command with its options' types flowing into run(). */
export function command<O extends Options>(c: Command<O>): Command<O> {
  return c;
}

/** `counterpart NAME USAGE [--db FILE] [--json]`. */
export function usageLine(c: Command): string {
  return `counterpart ${c.name}${c.usage ? ` ${c.usage}` : ''}${c.store === false ? '' : ' [--db FILE]'} [--json]`;
}

export function commandHelp(c: Command): string {
  return `Usage: ${usageLine(c)}\n${c.summary[0]!.toUpperCase()}${c.summary.slice(1)}.\n${c.help ? `${c.help}\n` : ''}`;
}

/** Runs one command with its arguments (the words after its name) and returns the exit code. */
export async function runCommand(c: Command, args: string[], io: Io): Promise<ExitCode> {
  // Known before parsing, so even a bad flag is answered in JSON when JSON was asked for.
  const wantsJson = args.includes('--json');
  let file: string | null = null;
  let opened: Store | undefined;
  try {
    const { values, positionals } = parse(args, {
      ...c.options,
      ...COMMON_OPTIONS,
      ...(c.store === false ? {} : STORE_OPTIONS),
    });
    if (values.help) {
      io.stdout.write(commandHelp(c));
      return EXIT.ok;
    }
    const storeFile = () => (file ??= dbPath(values.db as string | undefined, io));
    const call: Call = {
      values: values as Values<Options>,
      positionals,
      io,
      json: values.json === true,
      storeFile,
      store: (opts = { create: false }) => (opened ??= openStoreAt(storeFile(), io, opts)),
    };
    const outcome = await c.run(call);
    if (call.json) {
      if (outcome.value !== undefined) io.stdout.write(`${JSON.stringify(outcome.value, null, 2)}\n`);
    } else if (outcome.text) io.stdout.write(outcome.text.endsWith('\n') ? outcome.text : `${outcome.text}\n`);
    return outcome.exit ?? EXIT.ok;
  } catch (err) {
    return failure(err, io, { file, json: wantsJson });
  } finally {
    opened?.close();
  }
}
