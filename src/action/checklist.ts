import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../cli/bin.js', import.meta.url));

export type ChecklistOutcome = { ran: false } | { ran: true; passed: boolean; output: string };

function run(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: Number.isFinite(code) ? code : 1, output: `${stdout}${stderr}` });
    });
  });
}

/**
 * The production-readiness checklist gate, through the CLI's `checklist` command. Builds without that command
 * answer `checklist --help` with the general help, so the gate is skipped (the caller says so) rather than failed.
 */
export async function runChecklist(path: string, cwd: string): Promise<ChecklistOutcome> {
  const help = await run(['checklist', '--help'], cwd);
  if (help.code !== 0 || !help.output.startsWith('Usage: vibeaudit checklist')) return { ran: false };
  const r = await run(['checklist', path], cwd);
  return { ran: true, passed: r.code === 0, output: r.output };
}
