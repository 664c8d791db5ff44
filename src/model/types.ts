import type { DocumentNode } from 'graphql';
import type { Document } from 'yaml';
import type { Language, Role } from '../classify/types.js';
import type { ParseError, Program } from '../parse/types.js';
import type { EnvEntry } from '../parse/env.js';
import type { SuppressionDirective } from '../engine/suppress.js';
import type { TaintFlow } from '../dataflow/types.js';
import type { RouteEntry } from '../routes/types.js';
import type { DatabaseModel, SqlStatement } from '../database/types.js';
import type { RtdbRules } from '../firebase/rtdb-rules.js';
import type { SecurityRules } from '../firebase/types.js';
import type { DockerInstruction } from '../parse/dockerfile.js';

export type DependencyKind = 'dependencies' | 'devDependencies' | 'optionalDependencies' | 'peerDependencies';

export interface PackageInfo {
  /** Folder of the package.json relative to the scan root ('' for the root). */
  dir: string;
  manifestPath: string;
  name?: string;
  private: boolean;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  /** Workspace globs declared by this package (monorepo root). */
  workspaces: string[];
  scripts: Record<string, string>;
  /** Names of frameworks enabled in this package (see src/frameworks). */
  frameworks: string[];
}

export interface SourceFile {
  path: string;
  absPath: string;
  language: Language;
  role: Role;
  /** Why the file got its role, in words, for `--debug` and reports. */
  roleReason: string;
  buildOutput: boolean;
  /** Decoded text: BOM stripped, invalid UTF-8 replaced. Line endings kept as in the file. */
  text: string;
  /** Offsets where each line starts; lines are 1-based so lineStarts[0] is line 1. */
  lineStarts: number[];
  /**
   * Very long lines, or a bundler's runtime at the top: bundled or minified code. Not linted as source, still
   * scanned for secrets.
   */
  minified: boolean;
  package?: PackageInfo;
  ast?: Program;
  yaml?: Document;
  /** Instructions of a Dockerfile (src/parse/dockerfile.ts). */
  dockerfile?: DockerInstruction[];
  json?: unknown;
  env?: EnvEntry[];
  /** Firebase security rules: `*.rules` files (Firestore, Storage) and Realtime Database rules JSON. */
  securityRules?: SecurityRules;
  rtdbRules?: RtdbRules;
  /** Firebase Data Connect queries and mutations (`.gql` files of a `dataconnect/` folder, src/firebase/dataconnect.ts). */
  graphql?: DocumentNode;
  /** Statements of a Supabase migration, parsed by the Postgres parser (src/database/parse.ts). */
  sql?: SqlStatement[];
  /** A parsed `supabase/config.toml`. */
  toml?: Record<string, unknown>;
  parseError?: ParseError;
  /** `vibeaudit-ignore-*` comments in the file. */
  suppressions: SuppressionDirective[];
}

/** A place where bundler configuration puts an environment variable or value into the client bundle. */
export interface BundlerExposure {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  via: 'vite-define' | 'vite-envPrefix' | 'next-config-env' | 'next-public-runtime-config' | 'webpack-define' | 'expo-config-extra' | 'nuxt-runtime-config-public';
  /** The key as the client sees it (`process.env.STRIPE_KEY`, `__API_KEY__`); the prefix itself for 'vite-envPrefix'. */
  key: string;
  /** The server-side environment variable read to build the value, if any. */
  envName?: string;
  /** A literal value placed in the bundle, if any (a secret is redacted when reported). */
  literal?: string;
  /** The whole server environment goes into the bundle (only the variables starting with `prefix`, when set). */
  allEnv?: boolean;
  /** The variable-name prefix exposed: Vite's `envPrefix` entries, and a whole environment limited to a prefix. */
  prefix?: string;
  /** Where a whole environment comes from, in code words for messages: `process.env`, `loadEnv(…, '')`, `dotenv`. */
  envSource?: string;
}

/** One resolved package of a lockfile (a name can have several, one per installed version). */
export interface LockedPackage {
  /** Registry name; differs from the install name for aliases (`"foo": "npm:bar@1"` installs `bar` as `foo`). */
  name: string;
  version?: string;
  /** Where it is downloaded from, when recorded: registry or remote tarball URL, git URL with commit. */
  resolved?: string;
  /** Subresource-integrity hash of the tarball (`sha512-…`), when recorded. */
  integrity?: string;
}

export interface LockfileInfo {
  path: string;
  kind: 'npm' | 'yarn' | 'pnpm' | 'bun';
  /** Folder holding the lockfile ('' for root). */
  dir: string;
  /** False when only the presence is known: binary (bun.lockb) or unparsable lockfiles. */
  readable: boolean;
  /** Format version: npm/pnpm/bun `lockfileVersion`, `1` for yarn classic, `__metadata.version` for yarn berry. */
  version?: string;
  /**
   * Direct dependency names the lockfile records for each importer folder (relative to the scan root),
   * or undefined when the format does not say (then only "is the name anywhere in the lockfile" is known).
   */
  importers?: Map<string, Set<string>>;
  /**
   * Same importers, with the range each direct dependency had in package.json when the lockfile was written
   * (npm v2+ `packages[""]`, pnpm `specifier`, bun `workspaces`, yarn berry workspace entries).
   */
  importerRanges?: Map<string, Map<string, string>>;
  /** yarn: every `name@range` request the lockfile answers (its entry keys), by install name. */
  requests?: Map<string, Set<string>>;
  /** Every package name the lockfile resolves (install names, aliases included). */
  names: Set<string>;
  /** Resolved packages by install name. */
  packages: Map<string, LockedPackage[]>;
}

export interface ProjectModel {
  root: string;
  files: SourceFile[];
  packages: PackageInfo[];
  lockfiles: LockfileInfo[];
  bundlerExposures: BundlerExposure[];
  fileByPath: Map<string, SourceFile>;
  /** Paths from untrusted input to dangerous sinks, found by the data-flow pass (src/dataflow). */
  flows: TaintFlow[];
  /** Project files each analysed source file imports: the import graph. */
  imports: Map<string, string[]>;
  /** Every entry point with its auth decision (src/routes); filled only when a rule or command needs it. */
  routes: RouteEntry[];
  /** Final state of each Supabase project's database after its migrations; filled on first use by databaseOf(). */
  database?: DatabaseModel;
}
