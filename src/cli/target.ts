import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../config/errors.js';
import { loadConfig } from '../config/load.js';
import type { ResolvedConfig } from '../config/types.js';
import { catalogue } from '../engine/scan.js';
import { defaultThreads } from '../engine/threads.js';
import type { ScriptParser } from '../parse/types.js';

/** What every command that scans a folder starts from: the folder, checked, and its configuration. */
export interface Target {
  root: string;
  config: ResolvedConfig;
  /** Ids of every rule in the catalogue. */
  known: Set<string>;
}

/** Resolve `dir` against the working folder and load its configuration (or `configFlag`); usage errors exit 2. */
export function openTarget(dir: string, flags: { config?: string; experimental?: boolean; parser?: ScriptParser }, cwd: string): Target {
  const root = resolve(cwd, dir);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isDir) throw new UsageError(`"${dir}" is not a folder that can be read`);
  const known = new Set(catalogue().map((e) => e.meta.id));
  const config = loadConfig(root, flags.config ? resolve(cwd, flags.config) : undefined, known);
  if (flags.config) config.source = flags.config;
  if (flags.experimental) config.experimental = true;
  if (flags.parser) config.parser = flags.parser;
  return { root, config, known };
}

/** Colour when asked, else when stdout is a terminal that wants it. */
export function wantsColor(flag: boolean | undefined, io: { stdoutIsTTY: boolean; env: Record<string, string | undefined> }): boolean {
  return flag ?? (io.stdoutIsTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb');
}

/** `--threads`: a whole number from 1 to 64, else the default for this machine. */
export function threadCount(flag: string | undefined): number {
  if (flag === undefined) return defaultThreads();
  const n = Number(flag);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--threads must be a whole number from 1 to 64, not "${flag}"`);
  return n;
}
