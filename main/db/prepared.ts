import type Database from 'better-sqlite3';

/**
 * Builds a repository's prepared statements once per connection. Statements are compiled lazily on first use of
 * the repository, then reused: preparing on every call would dominate the cost of the hot lookups.
 */
export function preparedFor<T>(build: (db: Database.Database) => T): (db: Database.Database) => T {
  const cache = new WeakMap<Database.Database, T>();
  return (db) => {
    let s = cache.get(db);
    if (!s) {
      s = build(db);
      cache.set(db, s);
    }
    return s;
  };
}
