import { fileURLToPath } from 'node:url';

/**
 * A file or folder of the vibeaudit package (`package.json`, `rules/`, `data/`), found from this module's
 * place: it lies two folders below the package root in the sources (src/engine), the build (dist/engine) and
 * the bundle (dist/bundle, written by scripts/bundle.mjs), so one relative path serves all three.
 */
export function packageFile(path: string): string {
  return fileURLToPath(new URL(`../../${path}`, import.meta.url));
}
