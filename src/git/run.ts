import { execFile } from 'node:child_process';

export interface GitRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run git without a shell; a non-zero exit is returned, not thrown. Throws only when git cannot start. */
export function git(args: string[], cwd: string): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      // Our own settings win over the user's: stable paths and no pager, colour or external diff tools.
      ['-c', 'core.quotePath=false', '-c', 'color.ui=false', ...args],
      { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } },
      (err, stdout, stderr) => {
        if (err && typeof (err as NodeJS.ErrnoException).code === 'string') {
          reject(err);
          return;
        }
        const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
