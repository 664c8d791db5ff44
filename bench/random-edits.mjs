// Random edits of a project held in memory, the way pushes change one: shared by the randomised rescan test
// (test/cache/warm-scan.test.ts) and bench/rescan-check.mjs, which run them against the fixtures and real trees.

/** A seeded random number generator, so a failing series of edits replays. */
export function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Change the project the way edits do: lines moved between files, lines deleted, files copied, removed or added
 * where an import names them, comments added, letters changed, migrations changed,
 * files moved between server and browser by a directive, dependencies added, removed or bumped, path aliases
 * and bundler settings changed, lines of any other file dropped or added.
 */
export function randomEdit(files, random) {
  const paths = Object.keys(files).sort();
  const pick = (list) => list[Math.floor(random() * list.length)];
  const code = paths.filter((p) => /\.(?:[jt]sx?|mjs|cjs)$/.test(p));
  const kind = Math.floor(random() * 13);
  const target = pick(code);
  if (kind === 0) {
    const donor = pick(code).split('\n');
    const lines = files[target].split('\n');
    const from = Math.floor(random() * donor.length);
    lines.splice(Math.floor(random() * lines.length), 0, ...donor.slice(from, from + 4));
    files[target] = lines.join('\n');
    return `copied lines into ${target}`;
  }
  if (kind === 1) {
    const lines = files[target].split('\n');
    lines.splice(Math.floor(random() * lines.length), 2);
    files[target] = lines.join('\n');
    return `deleted lines of ${target}`;
  }
  if (kind === 2) {
    files[target.replace(/(\.\w+)$/, `-copy$1`)] = files[target];
    return `copied ${target}`;
  }
  if (kind === 5) {
    // Lines stay where they were: route facts and flows often do not change, kept project findings may be used.
    files[target] += random() < 0.5 ? '\n// a note\n' : '\n// vibeaudit-ignore-next-line sql-injection\n';
    return `appended a comment to ${target}`;
  }
  if (kind === 6) {
    // A letter changed inside a line: what a finding quotes there changes, nothing moves.
    const text = files[target];
    const at = text.search(/[a-z]{4}/);
    if (at >= 0) files[target] = text.slice(0, at) + (text[at] === 'x' ? 'y' : 'x') + text.slice(at + 1);
    return `changed a letter in ${target}`;
  }
  if (kind === 7) {
    // A new file where a relative import of the target names it (a `.ts` file comes before any other match),
    // whose exports pass their first argument through: what calls to them return changes.
    const found = /import\s+(?:(\w+)\s*(?:,\s*)?)?(?:\{([^}]*)\}\s*)?from\s*['"](\.{1,2}\/[^'"]+)['"]/.exec(files[target]);
    const dir = target.split('/').slice(0, -1);
    const parts = found ? [...dir, ...found[3].replace(/\.(?:[mc]?[jt]sx?)$/, '').split('/')] : [];
    const path = parts.reduce((out, p) => (p === '..' ? out.slice(0, -1) : p === '.' ? out : [...out, p]), []).join('/') + '.ts';
    if (found && !(path in files)) {
      const names = (found[2] ?? '').split(',').map((n) => n.trim().split(/\s+as\s+/)[0]).filter((n) => /^\w+$/.test(n));
      files[path] = [...names.map((n) => `export function ${n}(...args: any[]) { return args[0]; }`), 'export default function (...args: any[]) { return args[0]; }', ''].join('\n');
      return `added ${path}, which an import of ${target} names`;
    }
  }
  if (kind === 9) {
    // The file's role changes (server or browser code) and little else of what its analysis gives.
    const directive = "'use client';\n";
    files[target] = files[target].startsWith(directive) ? files[target].slice(directive.length) : directive + files[target];
    return `toggled 'use client' in ${target}`;
  }
  const manifests = paths.filter((p) => p === 'package.json' || p.endsWith('/package.json'));
  // (A manifest an earlier edit broke is left for the scan to report, not edited as JSON.)
  const manifest = kind === 10 && manifests.length ? pick(manifests) : undefined;
  const json = manifest ? parsedOrUndefined(files[manifest]) : undefined;
  if (kind === 10 && json) {
    // Some dependencies no rule asks about, some that decide frameworks, rules or versions rules report.
    const deps = (json.dependencies ??= {});
    const [name, range] = pick([['left-pad', '^1.3.0'], ['mongoose', '^8.0.0'], ['jsonwebtoken', random() < 0.5 ? '^8.5.1' : '^9.0.2'], ['@supabase/supabase-js', '^2.45.0'], ['next', '^14.2.0'], ['parse-server', '^6.0.0']]);
    if (deps[name] === range) delete deps[name];
    else deps[name] = range;
    files[manifest] = JSON.stringify(json, null, 2);
    return `changed ${name} in ${manifest}`;
  }
  const configs = paths.filter((p) => /(?:^|\/)(?:tsconfig\.json|(?:vite|next)\.config\.[cm]?[jt]s)$/.test(p));
  if (kind === 11 && configs.length) {
    // What path aliases name, which prefixes Vite inlines, which variables Next.js puts in the bundle.
    const config = pick(configs);
    const [from, to] = config.endsWith('.json')
      ? ['"./src/*"', '"./lib/*"']
      : config.includes('vite.')
        ? ['plugins: [', "envPrefix: ['VITE_', 'SUPABASE_', 'MONGO'], plugins: ["]
        : ['env: {', 'env: { SUPABASE_SERVICE_ROLE_KEY: process.env.SUPABASE_SERVICE_ROLE_KEY,'];
    files[config] = files[config].includes(to) ? files[config].replace(to, from) : files[config].replace(from, to);
    return `changed ${config}`;
  }
  const others = paths.filter((p) => !code.includes(p));
  if (kind === 12 && others.length) {
    // Any other file (env, YAML, TOML, JSON, Dockerfile, SQL, HTML): a line dropped, or one of a file of its kind added.
    const file = pick(others);
    const lines = files[file].split('\n');
    const at = Math.floor(random() * lines.length);
    if (random() < 0.5) lines.splice(at, 1);
    else lines.splice(at, 0, pick(files[pick(others.filter((o) => o.split('.').pop() === file.split('.').pop()))].split('\n')));
    files[file] = lines.join('\n');
    return `changed a line of ${file}`;
  }
  const migrations = paths.filter((p) => p.endsWith('.sql'));
  if (kind === 8 && migrations.length) {
    // Policies and RLS switched on or off: what browser code may do with a table changes.
    const migration = pick(migrations);
    const lines = files[migration].split('\n');
    if (random() < 0.5) lines.splice(Math.floor(random() * lines.length), 1);
    else lines.push(pick(files[pick(migrations)].split('\n')));
    files[migration] = lines.join('\n');
    return `changed a line of ${migration}`;
  }
  if (kind === 3 && code.length > 3) {
    delete files[target];
    return `deleted ${target}`;
  }
  const other = pick(code);
  [files[target], files[other]] = [files[other], files[target]];
  return `swapped ${target} and ${other}`;
}

function parsedOrUndefined(text) {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
