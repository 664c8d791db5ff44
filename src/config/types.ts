import { DEFAULT_MAX_FILE_SIZE } from '../discover/excludes.js';
import type { Severity } from '../engine/finding.js';
import type { ScriptParser } from '../parse/types.js';

export interface RuleSetting {
  enabled: boolean;
  severity?: Severity;
}

export interface ResolvedConfig {
  include: string[];
  exclude: string[];
  rules: Record<string, RuleSetting>;
  /** Exit 1 when an unsuppressed finding is at or above this; 'none' never fails. */
  failOn: Severity | 'none';
  maxFileSize: number;
  /** Also run rules whose status is experimental. */
  experimental: boolean;
  /** Which parser reads JS/TS; unset means the default (`DEFAULT_SCRIPT_PARSER`). */
  parser?: ScriptParser;
  /** dependency-recently-published: a package first published fewer days ago than this is reported. */
  minPackageAgeDays: number;
  /** The config file this came from, relative to the scan root or absolute, if any. */
  source?: string;
}

export function defaultConfig(): ResolvedConfig {
  return { include: [], exclude: [], rules: {}, failOn: 'high', maxFileSize: DEFAULT_MAX_FILE_SIZE, experimental: false, minPackageAgeDays: 30 };
}
