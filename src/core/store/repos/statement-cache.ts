import type Database from 'better-sqlite3';

/** A prepare for SQL built at run time (filters, orders): each distinct text is prepared once. */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const bySql = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = bySql.get(sql);
    if (!statement) bySql.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
}
