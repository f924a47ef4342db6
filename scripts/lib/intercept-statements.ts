import type { Db, SQL } from '@digitallz/db';

/** A statement a use case sends: through `execute`, or prepared (`queryPrepared`) as text and values. */
export type Statement = SQL | { text: string; params: unknown[] };

/**
 * `db` with every statement sent through `around`, which runs it (`run`) and may time or record
 * it: plain ones (`execute`) and prepared ones (`queryPrepared`, which goes through the session's
 * `prepareQuery`: the search's head, a keyword's detail, the API key lookup).
 */
export function interceptStatements(
  db: Db,
  around: <T>(statement: Statement, run: () => Promise<T>) => Promise<T>,
): Db {
  const session = new Proxy(db._.session, {
    get(target, property, receiver) {
      if (property === 'prepareQuery')
        return (query: { sql: string; params: unknown[] }, ...rest: unknown[]) => {
          const prepared = (
            target.prepareQuery as (...args: unknown[]) => { execute(): Promise<unknown> }
          )(query, ...rest);
          return {
            execute: () =>
              around({ text: query.sql, params: query.params }, () => prepared.execute()),
          };
        };
      return Reflect.get(target, property, receiver);
    },
  });
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'execute') return (query: SQL) => around(query, () => target.execute(query));
      if (property === '_') return { ...target._, session };
      return Reflect.get(target, property, receiver);
    },
  }) as Db;
}
