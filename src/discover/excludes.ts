/** Folders never worth reading: dependencies, VCS data, caches, coverage. */
export const SKIPPED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'coverage', '.nyc_output', '.cache', '.parcel-cache', '.turbo',
  '.vercel', '.netlify', '.svelte-kit', '.expo', '.angular', '.nuxt', '.output', '.yarn', '.pnpm-store',
  'bower_components', 'jspm_packages', '__pycache__', '.venv', 'venv', '.terraform', '.serverless',
  '.docusaurus', '.astro', '.wrangler', '.idea',
]);

/**
 * Folders whose files ship to browsers. Not linted as source, but scanned for secrets even when git ignores
 * them: a key inlined into a bundle is exactly the leak we look for.
 */
export const BUILD_OUTPUT_DIRS = new Set(['dist', 'build', 'out', 'public', 'www', 'static']);

/** Extensions of files that are never text we can scan. */
export const BINARY_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'ico', 'bmp', 'tiff', 'psd', 'heic', 'woff', 'woff2', 'ttf', 'otf', 'eot',
  'mp3', 'mp4', 'wav', 'ogg', 'webm', 'mov', 'avi', 'flac', 'm4a', 'pdf', 'zip', 'gz', 'tgz', 'bz2', 'xz', '7z', 'rar',
  'jar', 'war', 'class', 'exe', 'dll', 'so', 'dylib', 'o', 'a', 'wasm', 'node', 'bin', 'dat', 'db', 'sqlite',
  'sqlite3', 'pyc', 'map', 'glb', 'gltf', 'fbx', 'obj', 'blend', 'keystore', 'jks', 'p12', 'pfx', 'der',
]);

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/** Lockfiles are read whatever their size (the dependency rules need them); bun.lockb is binary but its presence counts. */
export const LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb']);
export const LOCKFILE_MAX_SIZE = 64 * 1024 * 1024;
