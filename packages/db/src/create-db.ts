import { mkdirSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { migratePglite, migratePostgres } from './migrate';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type QueryListener = (seconds: number, failed: boolean) => void;

export type DbHandle = {
  db: Db;
  /**
   * For read-only queries that may lag the primary a little (a streaming replica given by
   * `readUrl`); the primary itself when there is none. Reads that must see a write use `db`.
   */
  readDb: Db;
  kind: 'pglite' | 'postgres';
  /** The connection string, for PostgreSQL. */
  url?: string;
  /** Runs the committed SQL migrations (idempotent, safe to call from several processes). */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Hears of every query's duration (PostgreSQL; the metrics' histogram). */
  observeQueries(listener: QueryListener): void;
  close(): Promise<void>;
};

export type CreateDbOptions = {
  /** PostgreSQL connection string. Without it, an embedded PGlite database is used. */
  url?: string;
  /** A read replica of `url` for `readDb` (PostgreSQL only). */
  readUrl?: string;
  /** Folder for the embedded database files; omitted means in memory. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /** How long to wait for a PostgreSQL connection before failing. */
  connectTimeoutMs?: number;
  /**
   * The connections serve requests (the API): no parallel workers and no JIT. Both start up in
   * milliseconds, longer than the short queries they would speed up; a related-keywords query
   * planned in parallel took 270 ms instead of 14 ms (BENCHMARKS.md, session 16).
   */
  interactive?: boolean;
};

/** Session settings of the API's connections (`interactive`). */
export const INTERACTIVE_SETTINGS = '-c max_parallel_workers_per_gather=0 -c jit=off';

export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  if (options.url) return createPostgres(options.url, options);
  return createPglite(await openPglite(options.dataDir));
}

/**
 * An embedded database in `dataDir` (in memory without one). A new one is initialized (initdb,
 * seconds, given `initDbStartParams`) unless `loadDataDir` gives the files to start from: a
 * `dumpDataDir()` of another.
 */
export async function openPglite(
  dataDir?: string,
  options: Pick<PGliteOptions, 'loadDataDir' | 'initDbStartParams'> = {},
): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({ dataDir, ...options, extensions: { pg_trgm } });
}

export function createPglite(client: PGlite): DbHandle {
  const db = drizzlePglite(givingTurns(client), { schema }) as unknown as Db;
  return {
    db,
    readDb: db,
    kind: 'pglite',
    // Embedded: no pool to time (the metrics are for deployments on PostgreSQL).
    observeQueries: () => {},
    migrate: () => migratePglite(client),
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

/** The longest PGlite runs queries before it lets the event loop turn (milliseconds). */
const TURN_MS = 10;

/**
 * PGlite runs each query in this thread and only ever resolves promises: a job making thousands
 * of queries (a compute sweep, an import) would hold the process's HTTP requests and timers until
 * its end. Before a query or a transaction, once `TURN_MS` have passed since the last turn, the
 * event loop gets one (`setImmediate`). Inside a transaction nothing else could run anyway.
 */
function givingTurns(client: PGlite): PGlite {
  let last = performance.now();
  const turn = async () => {
    if (performance.now() - last < TURN_MS) return;
    await nextTurn();
    last = performance.now();
  };
  const query: PGlite['query'] = async (...args) => {
    await turn();
    return client.query(...args);
  };
  const transaction: PGlite['transaction'] = async (...args) => {
    await turn();
    return client.transaction(...args);
  };
  return new Proxy(client, {
    get(target, key) {
      if (key === 'query') return query;
      if (key === 'transaction') return transaction;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function createPool(url: string, options: CreateDbOptions, listeners: QueryListener[]): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    ...(options.interactive ? { options: INTERACTIVE_SETTINGS } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return traced(pool, listeners);
}

/**
 * Each promise-style query in a client span (OpenTelemetry; a no-op without a tracer provider),
 * with its parameterized text (values are never in the span), and timed for the listeners.
 */
function traced(pool: pg.Pool, listeners: QueryListener[]): pg.Pool {
  const tracer = trace.getTracer('digitallz-db');
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    if (typeof args.at(-1) === 'function') return query(...args);
    const first = args[0] as string | { text?: string };
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    const started = performance.now();
    const observe = (failed: boolean) => {
      const seconds = (performance.now() - started) / 1000;
      for (const listener of listeners) listener(seconds, failed);
    };
    return tracer.startActiveSpan(
      'pg.query',
      {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system': 'postgresql', 'db.statement': text.slice(0, 500) },
      },
      (span) =>
        query(...args).then(
          (result) => {
            observe(false);
            span.end();
            return result;
          },
          (error: Error) => {
            observe(true);
            span.recordException(error);
            span.setStatus({ code: SpanStatusCode.ERROR });
            span.end();
            throw error;
          },
        ),
    );
  };
  return pool;
}

function createPostgres(url: string, options: CreateDbOptions): DbHandle {
  const listeners: QueryListener[] = [];
  const pool = createPool(url, options, listeners);
  const readPool = options.readUrl ? createPool(options.readUrl, options, listeners) : null;
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const readDb = readPool ? (drizzlePg(readPool, { schema }) as unknown as Db) : db;
  return {
    db,
    readDb,
    kind: 'postgres',
    url,
    migrate: () => migratePostgres(url),
    ping: async () => {
      await Promise.all([pool.query('select 1'), readPool?.query('select 1')]);
    },
    observeQueries: (listener) => {
      listeners.push(listener);
    },
    close: async () => {
      await Promise.all([pool.end(), readPool?.end()]);
    },
  };
}

/** Runs a raw query and returns its rows, whichever driver is behind `db`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

const dialect = new PgDialect();

/** The SQL text of a query as it is sent (its values as `$n`): for logs, benchmarks and tests. */
export function sqlText(query: SQL): string {
  return dialect.sqlToQuery(query).sql;
}

/**
 * `queryRows` as a named prepared statement: PostgreSQL parses, analyzes and plans it once per
 * connection and, past five runs, keeps a generic plan, where that work is most of a point
 * lookup's cost (an uncached keyword detail, its API key lookup and its load prepared: 2.1 ms ->
 * 0.8-1.1 ms of the machine's CPU per answer, bench:api pairs at 10 million keywords). Only for
 * statements whose text never changes and whose best plan does not depend on the values (lookups
 * by a unique key): a generic plan for a search by prefix or by words would be a poor one. One
 * name, one text. PGlite runs it as any other query.
 */
export async function queryPrepared<T>(db: Db, name: string, query: SQL): Promise<T[]> {
  const prepared = db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
  const result = (await prepared.execute()) as unknown as { rows: T[] };
  return result.rows;
}

export { type SQL, sql };
