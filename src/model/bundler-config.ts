import type { BundlerExposure, SourceFile } from './types.js';

/** Where bundler configuration (Vite, Next.js, webpack) puts env values into the client bundle. Read statically. */
export function readBundlerExposures(_files: readonly SourceFile[]): BundlerExposure[] {
  return [];
}
