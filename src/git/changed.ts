import { UsageError } from '../config/errors.js';
import { parseUnifiedDiff, type ChangedLines } from './diff.js';
import { git } from './run.js';

export interface Change {
  ref: string;
  /** The merge-base commit of `ref` and HEAD: what the change is measured from. */
  base: string;
  lines: ChangedLines;
}

const SHALLOW_HINT =
  'This is a shallow clone, so the history needed to compare with it is missing. Fetch more history and run again: ' +
  'in GitHub Actions set `fetch-depth: 0` on actions/checkout; locally run `git fetch --unshallow`.';

/**
 * What changed since `ref` in the working tree under `root`: committed changes since the merge base, edits not
 * yet committed and untracked files. Comparing with the working tree keeps line numbers in step with what the
 * scan reads; in CI the working tree is HEAD.
 */
export async function changedSince(root: string, ref: string): Promise<Change> {
  if (ref.startsWith('-') || ref.trim() === '') throw new UsageError(`--changed-since: "${ref}" is not a git ref`);
  const inside = await git(['rev-parse', '--is-inside-work-tree'], root);
  if (inside.code !== 0 || inside.stdout.trim() !== 'true') {
    throw new UsageError(`--changed-since needs a git repository, and "${root}" is not inside one`);
  }
  const shallow = (await git(['rev-parse', '--is-shallow-repository'], root)).stdout.trim() === 'true';

  const resolved = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  if (resolved.code !== 0) {
    if (shallow) throw new UsageError(`--changed-since: the commit "${ref}" is not in this clone. ${SHALLOW_HINT}`);
    throw new UsageError(`--changed-since: "${ref}" is not a commit, branch or tag in this repository`);
  }
  const mergeBase = await git(['merge-base', resolved.stdout.trim(), 'HEAD'], root);
  if (mergeBase.code !== 0) {
    if (shallow) throw new UsageError(`--changed-since: no common ancestor of "${ref}" and HEAD in this clone. ${SHALLOW_HINT}`);
    throw new UsageError(`--changed-since: "${ref}" and HEAD have no common ancestor`);
  }
  const base = mergeBase.stdout.trim();

  const diff = await git(
    ['diff', '--unified=0', '--no-renames', '--no-color', '--no-ext-diff', '--no-textconv', '--relative', '--src-prefix=a/', '--dst-prefix=b/', base, '--'],
    root,
  );
  if (diff.code !== 0) throw new UsageError(`--changed-since: git diff failed: ${diff.stderr.trim()}`);
  const lines = parseUnifiedDiff(diff.stdout);

  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z'], root);
  if (untracked.code === 0) for (const path of untracked.stdout.split('\0')) if (path) lines.set(path, 'all');
  return { ref, base, lines };
}
