import { createRequire } from 'node:module';
import { RegExpParser, type AST } from '@eslint-community/regexpp';
import type * as Refa from 'refa';
import type * as Scslre from 'scslre';
import type { Report } from 'scslre';
import { quantifiersIn, repeatsCanMeet } from '../../engine/regex-shape.js';

// Required on the first regex analysed, not at start: together they take longer to load than most scans of a
// small app take to run, and many files hold no regex at all.
const require = createRequire(import.meta.url);
let libraries: { refa: typeof Refa; scslre: typeof Scslre } | undefined;
const lib = () => (libraries ??= { refa: require('refa') as typeof Refa, scslre: require('scslre') as typeof Scslre });

/** Which part of a pattern makes the regex engine try the same characters many ways. */
export type BacktrackingShape =
  /** A repeated part inside another repetition: `(a+)+`, `(\w*)*`, `(.*a){12}`. */
  | 'nested'
  /** Two repetitions that can take the same characters from each other: `\s*\s*$`, `(\d+|\d+\.)+`. */
  | 'overlapping'
  /** Branches of a repeated group that match the same text: `(a|a)*`, `(a|aa)+`, `(\w|\d)+`. */
  | 'ambiguousBranches';

export interface Backtracking {
  shape: BacktrackingShape;
  /** Steps grow as 2^n for n characters. */
  exponential: boolean;
  /** When not exponential, steps grow as n^degree (at least 2). */
  degree: number;
  /** `nested`: inner and outer repetition; `overlapping`: the two repetitions; `ambiguousBranches`: branch, group. */
  parts: [string, string];
  /** `ambiguousBranches`: the other branch that matches the same text, or undefined when repeating the group does. */
  other?: string;
  /** A character that, repeated, makes the slow input (none for `ambiguousBranches`). */
  char?: string;
}

/** Longer patterns are generated or data (word lists): analysing them costs more than it tells. */
const MAX_SOURCE = 2000;
/** refa throws past these many automaton states, so one odd regex cannot stall the scan. */
const MAX_NODES = 5000;
/**
 * scslre's analysis grows steeply with repetitions inside repetitions and with their number: 20 nested groups took
 * half a second, 300 did not end, and 150 repeated groups in a row took seconds (with a report for every pair). Real
 * patterns nest repetitions three deep at most and hold at most 40 (this repository's and the npm packages of
 * bench/README.md); deeper or longer ones are generated, and are not analysed.
 */
const MAX_QUANTIFIER_NESTING = 6;
const MAX_QUANTIFIERS = 100;
/** Only the worst report is used; real patterns give a few. */
const MAX_REPORTS = 100;

const cache = new Map<string, Backtracking | null>();
const parser = new RegExpParser();

/**
 * The worst super-linear backtracking in a regex, or undefined when none is found (also for invalid patterns).
 * Only shapes with a failing input are reported: `/(a+)+/` alone always matches once it sees an `a`, so it is
 * never slow, while `/^(a+)+$/` and `/(a+)+b/` are.
 */
export function findBacktracking(source: string, flags: string): Backtracking | undefined {
  if (source.length > MAX_SOURCE) return undefined;
  const key = `${flags}/${source}`;
  if (!cache.has(key)) {
    if (cache.size > 1000) cache.clear();
    cache.set(key, analysePattern(source, flags) ?? null);
  }
  return cache.get(key) ?? undefined;
}

function analysePattern(source: string, flags: string): Backtracking | undefined {
  const literal = parseLiteral(source, flags);
  return literal && withinLimits(literal.pattern) && repeatsCanMeet(literal.pattern) ? analyseLiteral(literal) : undefined;
}

/** Few enough repetitions, nested shallowly enough, for the analysis to end quickly (see MAX_QUANTIFIER_NESTING). */
function withinLimits(pattern: AST.Pattern): boolean {
  const quantifiers = quantifiersIn(pattern);
  if (quantifiers.length > MAX_QUANTIFIERS) return false;
  for (const q of quantifiers) {
    let depth = 0;
    for (let n: AST.Node | null = q; n; n = n.parent) if (n.type === 'Quantifier' && ++depth > MAX_QUANTIFIER_NESTING) return false;
  }
  return true;
}

function parseLiteral(source: string, flags: string): { pattern: AST.Pattern; flags: AST.Flags } | undefined {
  try {
    const parsedFlags = parser.parseFlags(flags);
    return { pattern: parser.parsePattern(source, 0, source.length, { unicode: parsedFlags.unicode, unicodeSets: parsedFlags.unicodeSets }), flags: parsedFlags };
  } catch {
    return undefined;
  }
}

/** The whole analysis, without the shape check first (tests compare the two). */
export function analyseWithoutShapeCheck(source: string, flags: string): Backtracking | undefined {
  const literal = parseLiteral(source, flags);
  return literal && analyseLiteral(literal);
}

function analyseLiteral(literal: { pattern: AST.Pattern; flags: AST.Flags }): Backtracking | undefined {
  const found: Backtracking[] = [];
  try {
    found.push(...fromScslre(lib().scslre.analyse(literal, { maxReports: MAX_REPORTS }).reports));
  } catch {
    // An analysis limit on an unusual pattern is not a finding.
  }
  found.push(...ambiguousBranches(literal));
  return found.sort(byCost)[0];
}

const SHAPE_ORDER: Record<BacktrackingShape, number> = { nested: 0, ambiguousBranches: 1, overlapping: 2 };
function byCost(a: Backtracking, b: Backtracking): number {
  if (a.exponential !== b.exponential) return a.exponential ? -1 : 1;
  return (a.exponential ? 0 : b.degree - a.degree) || SHAPE_ORDER[a.shape] - SHAPE_ORDER[b.shape];
}

/** scslre's Self and Trade reports; Move reports alone (`/\s+$/` re-tried at every start) are left out as noise. */
function fromScslre(reports: Report[]): Backtracking[] {
  const moves = reports.filter((r) => r.type === 'Move');
  // A trade that can also start at every position of the input costs one power more: `\s*\s*$` is cubic.
  const moved = (quant: AST.Quantifier, r: Report) => moves.some((m) => m.type === 'Move' && m.quant === quant && !m.character.set.isDisjointWith(r.character.set));
  const out: Backtracking[] = [];
  for (const r of reports) {
    const char = r.character.pick;
    if (r.type === 'Self') {
      const degree = Number.isFinite(r.parentQuant.max) ? r.parentQuant.max : 2;
      out.push({ shape: 'nested', exponential: r.exponential, degree, parts: [r.quant.raw, r.parentQuant.raw], char });
    } else if (r.type === 'Trade') {
      const degree = 2 + (moved(r.startQuant, r) ? 1 : 0);
      out.push({ shape: 'overlapping', exponential: r.exponential, degree, parts: [r.startQuant.raw, r.endQuant.raw], char });
    }
  }
  return out;
}

/**
 * scslre looks for one repeated character shared by two repetitions, so it misses `(a|aa)+` and `(a|a)*`:
 * repeated groups whose branches can match the same text, or whose branch matches what several rounds of the
 * group match. Either makes the number of ways to match a long input grow as 2^n.
 */
function ambiguousBranches(literal: { pattern: AST.Pattern; flags: AST.Flags }): Backtracking[] {
  const out: Backtracking[] = [];
  const { JS, NFA, isDisjointWith } = lib().refa;
  let refa: Refa.JS.Parser | undefined;
  const checkQuantifier = (q: AST.Quantifier) => {
    const group = q.element;
    if (q.max !== Infinity || (group.type !== 'Group' && group.type !== 'CapturingGroup') || group.alternatives.length < 2) return;
    if (insideLookaround(q) || !canFailAfter(q)) return;
    try {
      refa ??= JS.Parser.fromAst(literal);
      const parser = refa;
      const nfaOf = (element: AST.Alternative | AST.Group | AST.CapturingGroup) => {
        const { expression, maxCharacter } = parser.parseElement(element, { backreferences: 'throw', assertions: 'throw', maxNodes: MAX_NODES });
        const nfa = NFA.fromRegex(expression, { maxCharacter });
        // Rounds that match nothing are cut short by the engine, so the empty word is no ambiguity.
        nfa.withoutEmptyWord();
        return nfa;
      };
      const branches = group.alternatives.map(nfaOf);
      for (let i = 0; i < branches.length; i++) {
        for (let j = i + 1; j < branches.length; j++) {
          if (!isDisjointWith(branches[i], branches[j], MAX_NODES)) {
            out.push({ shape: 'ambiguousBranches', exponential: true, degree: 2, parts: [group.alternatives[j].raw, q.raw], other: group.alternatives[i].raw });
            return;
          }
        }
      }
      const rounds = nfaOf(group);
      rounds.quantify(2, Infinity);
      const i = branches.findIndex((b) => !isDisjointWith(b, rounds, MAX_NODES));
      if (i >= 0) out.push({ shape: 'ambiguousBranches', exponential: true, degree: 2, parts: [group.alternatives[i].raw, q.raw] });
    } catch {
      // Assertions, backreferences or a too-large automaton: not analysed, not reported.
    }
  };
  for (const q of quantifiersIn(literal.pattern)) checkQuantifier(q);
  return out;
}

function insideLookaround(node: AST.Node): boolean {
  for (let n: AST.Node | null = node.parent; n; n = n.parent) if (n.type === 'Assertion') return true;
  return false;
}

/** Can something after the quantifier fail? If not, the first way found is a match and nothing is re-tried. */
function canFailAfter(q: AST.Quantifier): boolean {
  let node: AST.Node = q;
  for (;;) {
    const parent: AST.Node | null = node.parent;
    if (!parent || parent.type === 'Pattern') return false;
    if (parent.type === 'Alternative') {
      const rest = parent.elements.slice(parent.elements.indexOf(node as AST.Element) + 1);
      if (rest.some((e) => !alwaysMatches(e))) return true;
    }
    node = parent;
  }
}

/** Matches the empty string with no condition: `x*`, `(a|)`, `(?:\d+)?`. */
function alwaysMatches(element: AST.Element): boolean {
  if (element.type === 'Quantifier') return element.min === 0 || alwaysMatches(element.element);
  if (element.type === 'Group' || element.type === 'CapturingGroup') return element.alternatives.some((a) => a.elements.every(alwaysMatches));
  return false;
}
