import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..');
/** What `npx vibeaudit` runs: the package's `bin`, the bundle (scripts/bundle.mjs). */
export const BIN = join(REPO, (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: { vibeaudit: string } }).bin.vibeaudit);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built binary as a user would, without a terminal (so no colour and no progress bar). */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  // Registry checks go to a closed local port: the suite never touches the network (they get a notice).
  const noRegistry = { npm_config_registry: 'http://127.0.0.1:9/', npm_config_userconfig: '/dev/null' };
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...noRegistry, ...options.env };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? REPO, env, encoding: 'utf8', timeout: 60000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
