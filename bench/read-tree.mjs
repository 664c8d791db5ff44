// A folder's files as text, the way a scan finds them (.gitignore, built-in excludes, size limit), binary ones left
// out: the project that bench/rescan-check.mjs and bench/mutation-fuzz.mjs edit in memory.
import { readFileSync } from 'node:fs';
import { DEFAULT_MAX_FILE_SIZE } from '../dist/discover/excludes.js';
import { decodeText, looksBinary } from '../dist/discover/read.js';
import { discover } from '../dist/discover/walk.js';

/** Path (relative to `root`) to text. */
export function readTree(root) {
  const files = {};
  for (const f of discover(root, { include: [], exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE }).files) {
    const bytes = readFileSync(f.absPath);
    if (!looksBinary(bytes)) files[f.path] = decodeText(bytes);
  }
  return files;
}
