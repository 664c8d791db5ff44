import type { SourceFile } from '../model/types.js';

/** A node of the Postgres parse tree (libpg_query JSON): `{ CreateStmt: {…} }`, `{ String: { sval } }`, … */
// The tree is plain JSON of a few hundred node kinds; the helpers in nodes.ts read it defensively.
export type PgNode = any;

export interface SqlStatement {
  node: PgNode;
  /** Character offsets of the statement in the file (comments before it excluded); of its EXECUTE when a DO block runs it. */
  start: number;
  end: number;
  line: number;
  /** Run by a DO block once for each table of this schema (src/database/do-blocks.ts): the node names it EACH_TABLE. */
  eachTableIn?: string;
  /** Tables of that schema the block leaves out. */
  except?: string[];
}

/** The statement that made a piece of state what it is. */
export interface Origin {
  file: SourceFile;
  statement: SqlStatement;
}

export type Command = 'all' | 'select' | 'insert' | 'update' | 'delete';
/** Roles the API uses: requests without a session run as `anon`, signed-in users as `authenticated`. */
export type ApiRole = 'anon' | 'authenticated';

export interface Policy {
  name: string;
  command: Command;
  /** `public` when the policy has no TO clause (it then applies to every role). */
  roles: string[];
  permissive: boolean;
  using?: PgNode;
  withCheck?: PgNode;
  origin: Origin;
}

export interface Table {
  schema: string;
  name: string;
  columns: string[];
  /** Columns that reference `auth.users`. */
  authUserColumns: string[];
  rls: boolean;
  forced: boolean;
  /** Where the table was created, and where RLS got its final value (absent while never enabled). */
  created: Origin;
  rlsChanged?: Origin;
  policies: Policy[];
  /** Privileges granted to API roles (`public` stands for PUBLIC). */
  privileges: Map<string, Set<string>>;
  /** Column-level UPDATE grants (`grant update (full_name) on profiles to authenticated`), by role. */
  updateColumns?: Map<string, Set<string>>;
  /** Column-level INSERT grants (`grant insert (title, body) on posts to authenticated`), by role. */
  insertColumns?: Map<string, Set<string>>;
  /** Functions of `BEFORE UPDATE` row triggers on the table: any of them may refuse a change. */
  beforeUpdateTriggers?: string[];
  /** Functions of `BEFORE INSERT` row triggers on the table: any of them may refuse or rewrite a new row. */
  beforeInsertTriggers?: string[];
  /** Column sets no two rows may share: the primary key and unique constraints or indexes. */
  uniqueKeys?: string[][];
  /** The only values a column may hold: listed by a CHECK constraint (`role text check (role in ('user', 'assistant'))`), or its enum type's. */
  allowedValues?: Map<string, string[]>;
  /** Text defaults of columns, as written (`status text default 'pending'`). */
  textDefaults?: Map<string, string>;
}

export interface SqlFunction {
  schema: string;
  name: string;
  args: string;
  /** Names of the input parameters, as declared (`_user_id`, `invitation_token`). */
  params: string[];
  securityDefiner: boolean;
  searchPathSet: boolean;
  returnsTrigger: boolean;
  /** Returns a yes or no (`returns boolean`). */
  returnsBoolean: boolean;
  /** Declared `stable` or `immutable`: it cannot change data. */
  readOnly: boolean;
  body: string;
  /** Roles with EXECUTE (`public` stands for PUBLIC, which every role belongs to). */
  execute: Set<string>;
  origin: Origin;
}

export interface View {
  schema: string;
  name: string;
  securityInvoker: boolean;
  /** Relations the view reads, as `schema.name` (`public` assumed when unqualified). */
  reads: string[];
  privileges: Map<string, Set<string>>;
  origin: Origin;
}

export interface Bucket {
  id: string;
  public: boolean;
  origin: Origin;
}

/** The database a Supabase project ends up with after its migrations ran in order. */
export interface DatabaseState {
  /** Folder holding `supabase/` ('' for the scan root). */
  projectDir: string;
  /** Schemas PostgREST serves (`[api] schemas` of config.toml, default `public`). */
  exposedSchemas: string[];
  tables: Map<string, Table>;
  functions: Map<string, SqlFunction>;
  views: Map<string, View>;
  buckets: Map<string, Bucket>;
  /** Policies on `storage.objects` (a Supabase-managed table, not created by migrations). */
  storagePolicies: Policy[];
  /** Enum types by name (`create type order_status as enum ('pending', 'paid')`), with their values. */
  enums?: Map<string, string[]>;
}

export interface EdgeFunctionConfig {
  name: string;
  verifyJwt: boolean;
  /** Line of the `verify_jwt` key, or of the `[functions.<name>]` header. */
  line: number;
}

export interface SupabaseProject {
  dir: string;
  config?: SourceFile;
  edgeFunctions: EdgeFunctionConfig[];
  database: DatabaseState;
}

export interface DatabaseModel {
  projects: SupabaseProject[];
}
