// Part of `npm run build`, after tsc: bundle the CLI, the GitHub Action and the scan worker into dist/bundle/
// (bin.js, action.js, worker.js and the chunks they share), so a run loads a few files instead of about 300
// modules. Node's module loader, not the code, was most of every start: 0.45 s for `vibeaudit --version`
// from dist/cli/bin.js, 0.25 s from the bundle (bench/README.md, eighth round).
//
// Bundled: our code, and the pure-JavaScript packages every run loads at start. Their licences are written to
// dist/bundle/THIRD-PARTY-NOTICES.md, and they stay dependencies, so npm installs them with theirs. Left to
// node_modules: packages with native or WebAssembly parts found relative to their own files (oxc-parser,
// @supabase/pg-parser), and packages loaded only when needed (typescript-estree and TypeScript, the registry
// client, ajv, refa/scslre, the language server's protocol), which a bundle would load at every start.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const BUNDLED = new Set(['yaml', 'semver', 'commander', 'chalk', 'ignore', 'ini', 'smol-toml', '@typescript-eslint/visitor-keys', 'eslint-visitor-keys', '@eslint-community/regexpp']);

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Bare imports stay imports unless their package is in BUNDLED (or is imported by a bundled package). */
const externals = {
  name: 'vibeaudit-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      const fromBundledPackage = /[\\/]node_modules[\\/]/.test(args.importer);
      return fromBundledPackage || BUNDLED.has(packageName(args.path)) ? undefined : { external: true };
    });
  },
};

// Chunk names change with their content: start empty so no chunk of an earlier build is left behind.
rmSync(`${ROOT}/dist/bundle`, { recursive: true, force: true });

const { metafile } = await build({
  absWorkingDir: ROOT,
  entryPoints: { bin: 'dist/cli/bin.js', action: 'dist/action/main.js', worker: 'dist/engine/worker.js' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [externals],
  // Bundled CommonJS packages require Node's built-in modules; an ES module has no `require` of its own.
  banner: { js: "import { createRequire as __vibeauditRequire } from 'node:module'; const require = __vibeauditRequire(import.meta.url);" },
  // Modules find the package's files (rules/, data/, package.json) two folders up: chunks stay in dist/bundle/.
  chunkNames: '[name]-[hash]',
  legalComments: 'eof',
  logLevel: 'warning',
  metafile: true,
  // Paths in the bundle (its `// node_modules/yaml/…` comments) as the project sees them, not where a linked
  // node_modules really is: the same sources give the same bundle wherever they are built.
  preserveSymlinks: true,
});

// The licences of the packages the bundle holds copies of, as they require of every copy.
const bundled = new Set(Object.keys(metafile.inputs).flatMap((input) => {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return m ? [m[1]] : [];
}));
const notices = [...bundled].sort().map((name) => {
  const dir = join(ROOT, 'node_modules', name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `Licensed under ${manifest.license}.`;
  return `## ${name} ${manifest.version} (${manifest.license})\n\n${text}\n`;
});
writeFileSync(`${ROOT}/dist/bundle/THIRD-PARTY-NOTICES.md`, `# Packages bundled into this folder\n\nThe bundle (scripts/bundle.mjs) holds copies of these packages; their licences follow.\n\n${notices.join('\n')}`);

// What the bundle is, by content (src/cache/build-id.ts): its code, the rule catalogue, the rules' yaml and the data,
// and which dependencies it loads from node_modules, whose installed versions a run adds. The same sources give the
// same id however often they are built, so results kept by one CI run serve the next (the Action builds each time).
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const files = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
const content = createHash('sha256');
for (const file of [...files(join(ROOT, 'dist/bundle')), join(ROOT, 'dist/catalogue.json'), ...files(join(ROOT, 'rules')), ...files(join(ROOT, 'data'))].sort()) {
  content.update(`${relative(ROOT, file)}\0`).update(readFileSync(file)).update('\0');
}
const external = Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name)).sort();
writeFileSync(`${ROOT}/dist/bundle/build.json`, `${JSON.stringify({ content: content.digest('base64url'), external }, null, 2)}\n`);
