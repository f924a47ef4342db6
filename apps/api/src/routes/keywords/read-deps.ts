/**
 * The app's dependencies with reads sent to the replica (DATABASE_READ_URL): for the keyword
 * routes, whose data changes by collections and tolerates a replica's lag.
 */
export const readDeps = <D extends { db: unknown; readDb: D['db'] }>(deps: D): D => ({
  ...deps,
  db: deps.readDb,
});
