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
import { parseSync } from 'oxc-parser';

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
  // Strings, templates and names with other characters are escaped; comments are made ASCII below.
  charset: 'ascii',
  // Paths in the bundle (its `// node_modules/yaml/…` comments) as the project sees them, not where a linked
  // node_modules really is: the same sources give the same bundle wherever they are built.
  preserveSymlinks: true,
});

// ASCII throughout: Node decodes a module's source before V8 compiles it, and one `…` in a comment made the main chunk
// a two-byte string, decoded and compiled more slowly at every start (10 ms of `vibeaudit --version`, bench/README.md).
// esbuild escapes what it can; comments keep what they say in ASCII, and anything else is an error to fix in the source
// (a regular expression holding `…` is written `\u2026`).
const ASCII_FOR = { '\u2026': '...', '\u2014': '--', '\u2013': '-', '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2192': '->', '\u00d7': 'x', '\u2264': '<=', '\u2265': '>=' };
for (const name of Object.keys(metafile.outputs).filter((f) => f.endsWith('.js'))) {
  const file = join(ROOT, name);
  const text = readFileSync(file, 'utf8');
  if (/^[\x00-\x7f]*$/.test(text)) continue;
  const { comments } = parseSync(file, text, { lang: 'js', sourceType: 'module' });
  let out = '';
  let at = 0;
  for (const c of comments) {
    out += text.slice(at, c.start) + text.slice(c.start, c.end).replace(/[^\x00-\x7f]/g, (ch) => ASCII_FOR[ch] ?? '?');
    at = c.end;
  }
  out += text.slice(at);
  const left = /[^\x00-\x7f]/.exec(out);
  if (left) throw new Error(`${name}: a character esbuild could not escape, outside any comment, at ${JSON.stringify(out.slice(Math.max(0, left.index - 40), left.index + 10))}; write it as a \\u escape in the source`);
  writeFileSync(file, out);
}

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
