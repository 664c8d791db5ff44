/** Packages that talk to SQL databases: drivers, query builders, ORMs and hosted Postgres clients. */
export const SQL_LIBRARIES: readonly string[] = [
  'pg', 'postgres', 'pg-promise', 'slonik', 'mysql', 'mysql2', 'sqlite3', 'better-sqlite3', 'mssql', 'tedious', 'oracledb',
  'knex', 'kysely', 'bookshelf', 'objection', 'sequelize', 'typeorm', 'drizzle-orm', 'prisma', '@prisma/client',
  '@mikro-orm/postgresql', '@mikro-orm/mysql', '@mikro-orm/mariadb', '@mikro-orm/sqlite', '@databases/pg', '@databases/mysql', '@databases/sqlite',
  '@supabase/supabase-js', '@neondatabase/serverless',
];

/** Of those, the ones that also speak to MongoDB (Prisma's and TypeORM's MongoDB connectors). */
export const ALSO_MONGODB: ReadonlySet<string> = new Set(['prisma', '@prisma/client', 'typeorm']);
