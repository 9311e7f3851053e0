import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  type DialectAdapter,
  Kysely,
  type MigrationLockOptions,
  PostgresAdapter,
  type PostgresCursor,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  sql,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type { Database } from './schema.ts';
/** The database handle every store function takes. */
export type Db = Kysely<Database>;
/** A transaction: store functions that take row locks require one in their type. */
export type Tx = Transaction<Database>;

export interface OpenDatabase {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
  /** The pool's connections (PostgreSQL): open, idle, and requests waiting for one. */
  poolStats?: () => { total: number; idle: number; waiting: number };
}

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
// Calendar dates stay `YYYY-MM-DD` strings: a JS Date would shift them by the server's zone.
const keepDateAsString = (value: string) => value;

/**
 * Statement names by SQL text. A named statement is parsed and planned once per connection
 * instead of on every query: it cut PostgreSQL's CPU per chat request by 60 % in the slack_ack
 * benchmark. The texts are bounded (each connection keeps its statements), so the few texts
 * past the bound, such as `in` lists of unusual lengths, run unnamed.
 */
const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 500;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `m${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * A prepared plan whose result columns changed under it (a migration run by a newer replica):
 * PostgreSQL refuses to run it on that connection, so the connection is dropped and the next one
 * prepares again.
 */
const isStalePlan = (error: unknown) =>
  (error as { code?: string }).code === '0A000' &&
  /cached plan/.test((error as { message?: string }).message ?? '');

/**
 * Kysely's pool, giving each query text a statement name; with `prepared` off (behind a pooler in
 * transaction mode, where the next transaction may run on another server session that never saw
 * the statement) every query runs unnamed.
 */
function preparingPool(pool: pg.Pool, prepared: boolean): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let stale = false;
      const query = async (text: string, parameters: ReadonlyArray<unknown>) => {
        const name = prepared ? statementName(text) : undefined;
        try {
          return await client.query(name ? { name, text, values: [...parameters] } : text, [...parameters]);
        } catch (error) {
          stale ||= isStalePlan(error);
          throw error;
        }
      };
      return {
        // Cursors (streams) pass through unnamed.
        query: ((textOrCursor: string | PostgresCursor<unknown>, parameters: ReadonlyArray<unknown>) =>
          typeof textOrCursor === 'string'
            ? query(textOrCursor, parameters)
            : client.query(textOrCursor as never)) as unknown as PostgresPoolClient['query'],
        release: () => client.release(stale),
      };
    },
    end: () => pool.end(),
    // What kysely opens a side connection with (to cancel a running query).
    options: pool.options,
  };
}

/** How long one statement may run, and wait for a lock, before PostgreSQL cancels it (0: never). */
export interface DatabaseTimeouts {
  statementMs: number;
  lockMs: number;
}

/**
 * Kysely's adapter, except that waiting for the migration lock (while another replica migrates)
 * is not cut short by the role's statement timeout; once the lock is held the session has its
 * timeout again, and each migration lifts it for its own transaction (`untimed`).
 */
class MigratingPostgresAdapter extends PostgresAdapter {
  constructor(private readonly timeouts: DatabaseTimeouts | undefined) {
    super();
  }

  override async acquireMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    await sql`select set_config('statement_timeout', '0', false)`.execute(db);
    try {
      await super.acquireMigrationLock(db, options);
    } finally {
      if (this.timeouts) {
        const restored = `${Math.trunc(this.timeouts.statementMs)}ms`;
        await sql`select set_config('statement_timeout', ${restored}, false)`.execute(db);
      } else {
        await sql`reset statement_timeout`.execute(db);
      }
    }
  }
}

class MigratingPostgresDialect extends PostgresDialect {
  constructor(
    config: ConstructorParameters<typeof PostgresDialect>[0],
    private readonly timeouts: DatabaseTimeouts | undefined,
  ) {
    super(config);
  }

  override createAdapter(): DialectAdapter {
    return new MigratingPostgresAdapter(this.timeouts);
  }
}

/** Opens PostgreSQL through a `pg` pool. */
export function openPostgres(
  url: string,
  options: {
    max?: number;
    timeouts?: DatabaseTimeouts;
    /** Named (prepared) statements; off behind a pooler in transaction mode. On by default. */
    prepared?: boolean;
  } = {},
): OpenDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // Without this, a dead server makes queries wait forever.
    connectionTimeoutMillis: 5_000,
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE_OID) return keepDateAsString;
        if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
        return pg.types.getTypeParser(oid, format);
      },
    } as pg.CustomTypesConfig,
  });
  // A client losing its server (a restart, a failover) must not crash the process: idle ones are
  // replaced by the pool; one in use fails its query, and the pool drops it when it comes back.
  pool.on('error', () => {});
  const { timeouts } = options;
  pool.on('connect', (client) => {
    client.on('error', () => {});
    // A query issued here runs before the client's first use (a client runs its queries in
    // order). Not a startup parameter, which PgBouncer refuses: behind it, the role's own
    // setting (applyTimeouts) is what holds, this only makes a direct connection take it now.
    if (timeouts) client.query(setTimeoutsSql(timeouts)).catch(() => {});
  });
  const db = new Kysely<Database>({
    dialect: new MigratingPostgresDialect(
      { pool: preparingPool(pool, options.prepared ?? true) },
      options.timeouts,
    ),
  });
  return {
    db,
    kind: 'postgres',
    close: () => db.destroy(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

/**
 * Opens the embedded PostgreSQL. With a folder, it is stored there and locked against a second
 * process; without one, it lives in memory (tests).
 */
export async function openPGlite(dataDir?: string): Promise<OpenDatabase> {
  let lock: DataDirLock | undefined;
  let pgliteDir: string | undefined;
  if (dataDir) {
    lock = await lockDataDir(resolve(dataDir));
    pgliteDir = join(resolve(dataDir), 'pglite');
  }
  try {
    const pglite = await PGlite.create(pgliteDir, {
      parsers: { [DATE_OID]: keepDateAsString, [INT8_OID]: Number, [NUMERIC_OID]: Number },
    });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await db.destroy();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** PostgreSQL when a URL is given, else the embedded database under `dataDir`. */
export function openDatabase(config: {
  DATABASE_URL?: string | undefined;
  DATA_DIR: string;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
  DATABASE_LOCK_TIMEOUT_MS: number;
  DATABASE_PREPARED_STATEMENTS?: boolean | undefined;
}): Promise<OpenDatabase> {
  return config.DATABASE_URL
    ? Promise.resolve(
        openPostgres(config.DATABASE_URL, {
          prepared: config.DATABASE_PREPARED_STATEMENTS ?? true,
          timeouts: {
            statementMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
            lockMs: config.DATABASE_LOCK_TIMEOUT_MS,
          },
        }),
      )
    : openPGlite(config.DATA_DIR);
}

function setTimeoutsSql(t: DatabaseTimeouts): string {
  return `set statement_timeout = ${Math.trunc(t.statementMs)}; set lock_timeout = ${Math.trunc(t.lockMs)}`;
}

/**
 * Makes the timeouts the defaults of this server role in this database, so every new server
 * session has them, including the sessions a pooler such as PgBouncer opens (which refuses them
 * as startup parameters and, in transaction mode, hands each transaction any session). Existing
 * pooler sessions take them when they are next opened. Migrations lift them for their own
 * transaction (`set local`). Throws when the role may not change its own settings.
 */
export async function applyTimeouts(db: Db, t: DatabaseTimeouts): Promise<void> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
  const name = rows[0]?.name;
  if (!name) throw new Error('no current database');
  const statement = sql.lit(`${Math.trunc(t.statementMs)}ms`);
  const lock = sql.lit(`${Math.trunc(t.lockMs)}ms`);
  await sql`alter role current_user in database ${sql.id(name)} set statement_timeout = ${statement}`.execute(
    db,
  );
  await sql`alter role current_user in database ${sql.id(name)} set lock_timeout = ${lock}`.execute(db);
}

/** True when the database answers a trivial query (health checks). */
export async function ping(db: Db): Promise<boolean> {
  await sql`select 1`.execute(db);
  return true;
}
