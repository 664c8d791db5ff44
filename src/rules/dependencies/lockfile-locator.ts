import type { Range } from '../../engine/finding.js';

/**
 * Offsets of the entry for `name@version` in a lockfile's text: pnpm and bun write `name@version`, npm
 * `"node_modules/name"` followed by its version, yarn a `name@range` key followed by `version`.
 */
export function locateLockEntry(text: string, name: string, version: string): { offsets: { start: number; end: number } } | { range: Range } {
  const direct = [`/${name}@${version}`, `'${name}@${version}'`, `"${name}@${version}"`, ` ${name}@${version}:`, `/${name}/${version}:`];
  for (const needle of direct) {
    const at = text.indexOf(needle);
    if (at !== -1) return { offsets: { start: at + 1, end: at + needle.length - (needle.endsWith(':') ? 1 : 0) } };
  }
  const keyed = [`node_modules/${name}"`, `\n"${name}@`, `\n${name}@`, `, ${name}@`, `, "${name}@`];
  for (const needle of keyed) {
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      const window = text.slice(at, at + 400);
      // The version belongs to this entry when it appears before the next entry starts.
      const next = window.slice(needle.length).search(/\n\S|"node_modules\//);
      const body = next === -1 ? window : window.slice(0, needle.length + next);
      if (body.includes(`"${version}"`) || body.includes(`version ${version}`) || body.includes(`version: ${version}`)) {
        const start = needle.startsWith('\n') || needle.startsWith(',') ? at + (needle.startsWith(', ') ? 2 : 1) : at;
        return { offsets: { start, end: start + name.length + (needle.includes('"') ? 2 : 0) } };
      }
    }
  }
  return { range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } };
}
