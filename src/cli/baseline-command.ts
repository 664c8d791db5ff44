import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { BASELINE_FILE, buildBaseline, serializeBaseline } from '../baseline/file.js';
import { UsageError, describeFsError } from '../config/errors.js';
import { scanDirectory } from '../engine/scan.js';
import { plural } from '../report/text.js';
import { openTarget } from './target.js';

export interface BaselineFlags {
  output?: string;
  config?: string;
  offline?: boolean;
  experimental?: boolean;
}

/** `vibeaudit baseline [dir]`: scan as `scan` would and record the unsuppressed findings' fingerprints. */
export async function runBaseline(dir: string, flags: BaselineFlags, io: { cwd: string; stdout(text: string): void }): Promise<number> {
  const { root, config } = openTarget(dir, flags, io.cwd);
  const result = await scanDirectory(root, { config, offline: flags.offline ?? false, target: dir });

  const path = flags.output ? resolve(io.cwd, flags.output) : join(root, BASELINE_FILE);
  const baseline = buildBaseline(result);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, serializeBaseline(baseline));
  } catch (err) {
    throw new UsageError(`cannot write the baseline to "${flags.output ?? path}" (${describeFsError(err)})`);
  }
  const shown = relative(io.cwd, path) || path;
  io.stdout(`Wrote ${plural(baseline.findings.length, 'finding')} to ${shown}. Commit it, then run \`vibeaudit scan --baseline ${shown}\` to report only new findings.\n`);
  return 0;
}
