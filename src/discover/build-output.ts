import { BUILD_OUTPUT_DIRS } from './excludes.js';

/** Whether a path lies in a build-output folder of the root or of a package (as discovery decides while walking). */
export function isBuildOutputPath(path: string, packageDirs: ReadonlySet<string>): boolean {
  if (/(^|\/)\.next\/static\//.test(path)) return true;
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    const parent = parts.slice(0, i).join('/');
    if (BUILD_OUTPUT_DIRS.has(parts[i]) && (parent === '' || packageDirs.has(parent))) return true;
  }
  return false;
}
