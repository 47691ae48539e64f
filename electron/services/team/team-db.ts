/**
 * The team server as the sync code sees it: a PostgreSQL connection that runs a query and a
 * transaction. One small interface, so node-postgres (a department's server, a throwaway cluster
 * in tests) and anything else that speaks SQL to PostgreSQL fit behind it, and the sync code never
 * imports a driver.
 */
export type PgValue = string | number | boolean | null | Date | Buffer | readonly unknown[] | Record<string, unknown>;

export interface TeamDb {
  /** Run one statement with $1… parameters; the rows it returns. */
  query<R extends object = Record<string, unknown>>(sql: string, params?: readonly PgValue[]): Promise<R[]>;
  /**
   * Run fn in one transaction (BEGIN … COMMIT, ROLLBACK when it throws). Nested calls run inside
   * the outer transaction. `repeatable-read` for a consistent read of many tables.
   */
  transaction<T>(fn: (tx: TeamDb) => Promise<T>, isolation?: 'read-committed' | 'repeatable-read'): Promise<T>;
  /** The role the server knows this connection as (session_user): who each change is recorded as. */
  readonly user: string;
  close(): Promise<void>;
}
