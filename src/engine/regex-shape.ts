import { RegExpParser, type AST } from '@eslint-community/regexpp';

/*
 * What a regular expression's syntax alone says about how slow it can be, without building an automaton: for the
 * redos-regex rule's first check (regex-backtracking.ts), and for patterns from the scanned repository that
 * vibeaudit itself runs (a Next.js middleware `matcher`).
 */

const parser = new RegExpParser();

/**
 * Whether the pattern has a shape that every reported backtracking needs, read from its syntax alone so that most
 * regexes never load refa and scslre (about 90 ms to load). Each report starts from an unbounded repetition
 * (`*`, `+`, `{n,}`) that meets a repetition again on some path through the pattern:
 * - scslre's Self: the repetition inside another one that repeats (`(a+)+`, `(.*a){12}`);
 * - scslre's Trade: a second unbounded repetition in the same sequence (`\s*\s*`), or anywhere when they share
 *   a repeating ancestor (caught by the first case);
 * - our ambiguous branches: an unbounded repetition of a group with several branches (`(a|aa)+`).
 * Repetitions in different branches of a group that does not repeat never meet (`/^-+|-+$/`), nor does one
 * unbounded repetition alone (`/[^a-z0-9]+/`, `/\s+$/`: scslre's Move, which is not reported on its own).
 */
export function repeatsCanMeet(pattern: AST.Pattern): boolean {
  const unbounded = quantifiersIn(pattern).filter((q) => q.max === Infinity);
  if (unbounded.some(repeatsItself)) return true;
  for (let i = 0; i < unbounded.length; i++) {
    const above = new Set<AST.Node>();
    for (let n: AST.Node | null = unbounded[i]; n; n = parentOf(n)) above.add(n);
    for (let j = i + 1; j < unbounded.length; j++) {
      let common: AST.Node | null = unbounded[j];
      while (common && !above.has(common)) common = parentOf(common);
      if (common?.type === 'Alternative') return true;
    }
  }
  return false;
}

/**
 * Whether vibeaudit may run a pattern taken from the scanned repository (a Next.js middleware `matcher`) on inputs
 * of up to a few hundred characters: no repetition inside another that repeats, no repeated group of several
 * branches (either can take exponential time), and at most three unbounded repetitions (a polynomial of degree three
 * at most). Patterns it cannot parse are not run either.
 */
export function safeToRun(source: string): boolean {
  let safe = safeCache.get(source);
  if (safe === undefined) {
    if (safeCache.size > 1000) safeCache.clear();
    safeCache.set(source, (safe = judgeSafe(source)));
  }
  return safe;
}

/** Answers by pattern: a matcher is asked about every route of the app. */
const safeCache = new Map<string, boolean>();

function judgeSafe(source: string): boolean {
  let pattern: AST.Pattern;
  try {
    pattern = parser.parsePattern(source, 0, source.length, {});
  } catch {
    return false;
  }
  const unbounded = quantifiersIn(pattern).filter((q) => q.max === Infinity);
  return unbounded.length <= 3 && !unbounded.some(repeatsItself);
}

/** An unbounded repetition that can go round its own text in several ways: of a group of several branches, or inside another repetition. */
function repeatsItself(q: AST.Quantifier): boolean {
  const element = q.element;
  if ((element.type === 'Group' || element.type === 'CapturingGroup') && element.alternatives.length > 1) return true;
  for (let n = parentOf(q); n; n = parentOf(n)) if (n.type === 'Quantifier' && n.max > 1) return true;
  return false;
}

/** Every repetition of a pattern, outer ones before those inside them, in source order. */
export function quantifiersIn(node: AST.Node, out: AST.Quantifier[] = []): AST.Quantifier[] {
  if (node.type === 'Quantifier') out.push(node);
  if ('alternatives' in node) for (const a of node.alternatives) quantifiersIn(a, out);
  if (node.type === 'Alternative') for (const e of node.elements) quantifiersIn(e, out);
  if (node.type === 'Quantifier') quantifiersIn(node.element, out);
  return out;
}

const parentOf = (node: AST.Node): AST.Node | null => node.parent;
