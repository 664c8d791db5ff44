import { main, type CliIO } from '../../src/cli/main.js';
import { REPO } from './run-cli.js';

/** Run the CLI in this process (no build needed, no TTY, no environment) and collect what it prints. */
export async function runMain(args: string[], cwd = REPO): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), stdoutIsTTY: false, stderrIsTTY: false, env: { VIBEAUDIT_CACHE_DIR: process.env.VIBEAUDIT_CACHE_DIR }, cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
