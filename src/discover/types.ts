export interface DiscoveredFile {
  /** Relative to the scan root, forward slashes. */
  path: string;
  absPath: string;
  size: number;
  /** Under a folder that ships to browsers (dist/, build/, out/, public/, .next/static). */
  buildOutput: boolean;
}
