/** What the global setup found: which real servers the integration tests run against. */
export type TestServices = {
  /** A tar of a migrated PGlite database's files, that each embedded test database starts from. */
  pgliteTemplate: string;
  /** Connection string of the database used to create and drop test databases, or null. */
  postgresAdminUrl: string | null;
  /** Migrated template database that each test clones. */
  postgresTemplate: string | null;
  redisUrl: string | null;
  /** Unique per test run, used to name databases and Redis key prefixes. */
  runId: string;
};

declare module 'vitest' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  export interface ProvidedContext {
    services: TestServices;
  }
}
