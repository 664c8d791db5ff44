import type { FileStamp } from '../cache/known-texts.js';

export interface DiscoveredFile {
  /** Relative to the scan root, forward slashes. */
  path: string;
  absPath: string;
  size: number;
  /** stat's size, times and inode: a rescan that finds them unchanged need not read the file (src/cache/known-texts.ts). */
  stamp: FileStamp;
  /** Under a folder that ships to browsers (dist/, build/, out/, public/, .next/static). */
  buildOutput: boolean;
}
