import { readFileSync } from 'node:fs';
import { packageFile } from '../../engine/package-files.js';

export type LookAlikeKind = 'separator' | 'scope' | 'homoglyph' | 'typo';

export interface LookAlike {
  popular: string;
  kind: LookAlikeKind;
}

/** A popular name split for comparison, with its rank (0 is the most popular). */
interface Target {
  rank: number;
  name: string;
  scope?: string;
  bare: string;
  /** `charsOf(bare)`. */
  chars: number;
}

interface Popular {
  /** Every popular and allowed name: what most dependencies are, answered before any table below is made. */
  set: Set<string>;
  /** The names most popular first, for `lookups` (made on the first name that is not popular). */
  targets: string[];
  lookups?: Lookups;
}

interface Lookups {
  byStripped: Map<string, string>;
  byGlyph: Map<string, string>;
  /** Unscoped names by length: a name is compared only with those whose length is within its allowed edits. */
  unscopedByLength: Map<number, Target[]>;
  /** Scoped names by the name after the scope. */
  scopedByBare: Map<string, Target[]>;
}

let popularCache: Popular | undefined;

/**
 * data/popular-packages.json (built by scripts/build-popular-packages.mjs): `names`, most popular first, are
 * what squatters imitate; `allow` are less popular but established packages that sit close to one of them
 * (`parse` and `pause`), so they are not reported either.
 */
function popular(): Popular {
  if (popularCache) return popularCache;
  let targets: string[] = [];
  let allow: string[] = [];
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((n): n is string => typeof n === 'string') : []);
  try {
    const doc = JSON.parse(readFileSync(packageFile('data/popular-packages.json'), 'utf8')) as { names?: unknown; allow?: unknown };
    targets = strings(doc.names);
    allow = strings(doc.allow);
  } catch {
    targets = [];
  }
  popularCache = { set: new Set([...targets, ...allow]), targets };
  return popularCache;
}

/** The tables a name that is not popular is looked up in (about 30 ms to make from 5,000 names in a fresh process). */
function lookups(p: Popular): Lookups {
  if (p.lookups) return p.lookups;
  const byStripped = new Map<string, string>();
  const byGlyph = new Map<string, string>();
  const unscopedByLength = new Map<number, Target[]>();
  const scopedByBare = new Map<string, Target[]>();
  const push = <K>(map: Map<K, Target[]>, key: K, target: Target) => (map.get(key) ?? map.set(key, []).get(key)!).push(target);
  // Most popular first: when two popular names collide, the more popular one is the target.
  p.targets.forEach((name, rank) => {
    const s = stripSeparators(name);
    if (!byStripped.has(s)) byStripped.set(s, name);
    const g = deglyph(name);
    if (!byGlyph.has(g)) byGlyph.set(g, name);
    const { scope, bare } = splitScope(name);
    const target: Target = { rank, name, scope, bare, chars: charsOf(bare) };
    if (target.scope) push(scopedByBare, target.bare, target);
    else push(unscopedByLength, target.bare.length, target);
  });
  p.lookups = { byStripped, byGlyph, unscopedByLength, scopedByBare };
  return p.lookups;
}

const stripSeparators = (name: string) => name.replace(/[-_.]/g, '');

const GLYPHS: Record<string, string> = { rn: 'm', vv: 'w', '0': 'o', '1': 'l', '|': 'l', '!': 'l', i: 'l', '5': 's', '3': 'e' };

/** Characters that read alike in a terminal or a diff: `1odash`, `rnongoose`, `expres5`. */
function deglyph(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/rn|vv|[01|!i53]/g, (glyph) => GLYPHS[glyph]);
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps), stopping past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Which characters a name holds, one bit each (`a`-`z`, `0`-`9`, and one bit for anything else). One edit
 * changes at most two bits (a substitution drops one character and brings another; a swap changes none), so
 * names `k` edits apart differ in at most `2k` bits: a test far cheaper than the distance itself.
 */
export function charsOf(name: string): number {
  let bits = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    bits |= c >= 97 && c <= 122 ? 1 << (c - 97) : c >= 48 && c <= 57 ? 1 << (c - 48 + 26) : 1 << 30;
  }
  return bits;
}

/** How many bits of `n` are set. */
export function bitCount(n: number): number {
  let count = 0;
  for (let v = n >>> 0; v; v &= v - 1) count++;
  return count;
}

/** Edits allowed for a name this long: short names are too close to each other to judge by distance. */
function allowedEdits(length: number): number {
  return length >= 10 ? 2 : length >= 6 ? 1 : 0;
}

/** `@scope/name` → scope and name; an unscoped name is its own bare name. */
export function splitScope(name: string): { scope?: string; bare: string } {
  if (!name.startsWith('@') || !name.includes('/')) return { bare: name };
  const at = name.indexOf('/');
  return { scope: name.slice(1, at), bare: name.slice(at + 1) };
}

/** Differences that are versions, not typos: `vue2`/`vue3`, `react-18`/`react`. */
function differsOnlyInDigits(a: string, b: string): boolean {
  return a.replace(/[-_.]?\d+$/g, '') === b.replace(/[-_.]?\d+$/g, '');
}

/** The popular package `name` imitates, if any. Popular names themselves are never look-alikes. */
export function lookAlikeOf(name: string): LookAlike | undefined {
  const popularNames = popular();
  if (popularNames.set.has(name) || name.length < 3) return undefined;
  const p = lookups(popularNames);
  const { scope, bare } = splitScope(name);
  // Only a scope's owner publishes under it, so a near miss inside the same scope is no squat.
  const sameScope = (other: string) => !!scope && splitScope(other).scope === scope;
  const sep = p.byStripped.get(stripSeparators(name));
  if (sep && sep !== name && !sameScope(sep)) return { popular: sep, kind: 'separator' };
  // `types-node` / `typesnode` for `@types/node`; `babel__core` for `@babel/core`. A `-` join is how many
  // projects were named before they moved to a scope (`rollup-plugin-json`), so it counts for @types only.
  if (!scope) {
    for (const joiner of ['-', '_', '.', '', '__']) {
      for (const [s, b] of scopedCandidates(bare, joiner)) {
        const target = `@${s}/${b}`;
        if (joiner === '-' && s !== 'types') continue;
        if (p.byStripped.get(stripSeparators(target)) === target) return { popular: target, kind: 'scope' };
      }
    }
  }
  const glyph = p.byGlyph.get(deglyph(name));
  if (glyph && glyph !== name && !sameScope(glyph)) return { popular: glyph, kind: 'homoglyph' };
  // Compare like with like: two unscoped names, or the scopes of one bare name. The most popular match wins.
  let best: Target | undefined;
  const consider = (target: Target, a: string, b: string, max: number) => {
    if (max === 0 || a === b || (best && best.rank < target.rank)) return;
    if (editDistance(a, b, max) <= max && !differsOnlyInDigits(a, b)) best = target;
  };
  if (!scope) {
    const chars = charsOf(bare);
    // Names more than two edits longer or shorter are never within reach (two is the most edits allowed), nor
    // names whose characters differ from this one's more than that many edits can change.
    for (let length = bare.length - 2; length <= bare.length + 2; length++) {
      const max = allowedEdits(length);
      for (const target of p.unscopedByLength.get(length) ?? []) {
        if (bitCount(chars ^ target.chars) <= 2 * max) consider(target, bare, target.bare, max);
      }
    }
  } else {
    // Same package name under a misspelt scope: the shared name is evidence enough for one edit.
    for (const target of p.scopedByBare.get(bare) ?? []) consider(target, scope, target.scope!, Math.max(1, allowedEdits(target.scope!.length)));
  }
  return best && { popular: best.name, kind: 'typo' };
}

function* scopedCandidates(bare: string, joiner: string): Generator<[string, string]> {
  if (joiner === '') {
    for (let i = 2; i < bare.length - 1; i++) yield [bare.slice(0, i), bare.slice(i)];
    return;
  }
  let at = bare.indexOf(joiner);
  while (at > 0) {
    yield [bare.slice(0, at), bare.slice(at + joiner.length)];
    at = bare.indexOf(joiner, at + 1);
  }
}
