import type { LockfileInfo, SourceFile } from './types.js';

/** Lockfiles of the project, read from their parsed forms. */
export function readLockfiles(files: readonly SourceFile[]): LockfileInfo[] {
  const out: LockfileInfo[] = [];
  for (const file of files) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') out.push({ path: file.path, kind: 'npm', dir, names: new Set() });
    else if (name === 'yarn.lock') out.push({ path: file.path, kind: 'yarn', dir, names: new Set() });
    else if (name === 'pnpm-lock.yaml') out.push({ path: file.path, kind: 'pnpm', dir, names: new Set() });
    else if (name === 'bun.lock' || name === 'bun.lockb') out.push({ path: file.path, kind: 'bun', dir, names: new Set() });
  }
  return out;
}
