/**
 * Parsers recurse once per nesting level. typescript-estree throws a RangeError past about 800 levels, but oxc
 * (native) overflows its thread's stack and kills the whole process with SIGSEGV at a few thousand, which no
 * try/catch can turn into a notification. So deeply nested files are refused before any parser sees them.
 * Real code stays far below the limit; only generated or hostile files come near it.
 */
export const MAX_NESTING = 1000;

/** Where the estimated nesting first passes `limit` (1-based line), or undefined when it never does. */
export function nestingBeyond(text: string, limit = MAX_NESTING): { line: number; column: number } | undefined {
  // The estimate is an upper bound on syntactic depth for the shapes that nest without limit: brackets,
  // JSX / type-argument angle brackets, and per bracket level the open-ended prefixes that nest their
  // right-hand side (`?`, `=>`, `else`, unary operators, `new`, `await`, ...) or chain to the left (binary
  // operators, `.`), reset at `;`, `,` and where a line ends a statement. Characters are read as codes: the scan
  // reads every script once, mostly before V8 has optimised this loop, where a string per character costs most.
  const chains: number[] = [0];
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  // The last significant character, to tell a regex literal from a division: NONE before the first, WORD after a
  // word, number, string or regex literal.
  let previous = NONE;
  const n = text.length;
  const deeper = (i: number, by: number) => {
    depth += by;
    return depth > limit ? { line, column: i - lineStart + 1 } : undefined;
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === NL) {
      line++;
      lineStart = i + 1;
      // A line that ends a statement (as ASI would) closes its prefix chain, unless the next line continues it.
      if ((previous === WORD || previous === RPAREN || previous === RBRACKET || previous === RBRACE) && !continuesStatement(text, i + 1)) {
        depth -= chains[chains.length - 1];
        chains[chains.length - 1] = 0;
      }
      continue;
    }
    if (c === SPACE || c === TAB || c === CR) continue;
    // Words first: most of a script's characters are in them.
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      if (isPrefixWord(text, i, j - i)) {
        chains[chains.length - 1]++;
        const hit = deeper(i, 1);
        if (hit) return hit;
      }
      i = j - 1;
      previous = WORD;
      continue;
    }
    // Read within the text: a read past its end (NaN) would make V8 throw away the loop's optimised code.
    const next = i + 1 < n ? text.charCodeAt(i + 1) : NONE;
    if (c === SLASH && next === SLASH) {
      const end = text.indexOf('\n', i);
      i = (end === -1 ? n : end) - 1;
      continue;
    }
    if (c === SLASH && next === STAR) {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      for (let j = i; j < stop; j++) if (text.charCodeAt(j) === NL) (line++, (lineStart = j + 1));
      i = stop - 1;
      continue;
    }
    if (c === DQUOTE || c === QUOTE || c === BACKTICK || (c === SLASH && (previous === NONE || isIn(BEFORE_REGEX, previous)))) {
      // Strings, template text and regex literals hold brackets that do not nest code. A template's `${` is
      // counted as plain text here: the expressions inside are short in practice, and the closing quote search
      // keeps the scan linear.
      let j = i + 1;
      let inClass = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === NL) break;
        if (d === BACKSLASH) j++;
        else if (c === SLASH && d === LBRACKET) inClass = true;
        else if (c === SLASH && d === RBRACKET) inClass = false;
        else if (d === c && !inClass) break;
        j++;
      }
      if (c === BACKTICK) {
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === BACKTICK) break;
          if (d === BACKSLASH) j++;
          else if (d === NL) (line++, (lineStart = j + 1));
          j++;
        }
      }
      i = j;
      previous = WORD;
      continue;
    }
    if (c === LPAREN || c === LBRACKET || c === LBRACE) {
      chains.push(0);
      const hit = deeper(i, 1);
      if (hit) return hit;
    } else if (c === RPAREN || c === RBRACKET || c === RBRACE) {
      if (chains.length > 1) depth -= 1 + chains.pop()!;
    } else if (c === SEMICOLON || c === COMMA) {
      depth -= chains[chains.length - 1];
      chains[chains.length - 1] = 0;
    } else if (c === QUESTION || c === BANG || c === TILDE || (c === EQUALS && next === GT) || (c === LT && opensAngle(text, i + 1))) {
      // `a?.b` and `??` are not nesting, `!==` / `!=` neither; counting them would only make the bound looser.
      if (c === QUESTION && (next === DOT || next === QUESTION)) {
        i++;
      } else if (!(c === BANG && next === EQUALS)) {
        chains[chains.length - 1]++;
        const hit = deeper(i, 1);
        if (hit) return hit;
      }
      if (c === EQUALS) i++;
    } else if ((c === LT && next === SLASH) || (c === SLASH && next === GT)) {
      // A closing JSX tag ends the element opened by the `<` counted above.
      if (chains[chains.length - 1] > 0) {
        chains[chains.length - 1]--;
        depth--;
      }
      i++;
      previous = WORD;
      continue;
    } else if (isIn(OPERATORS, c) && !(previous === NONE || isIn(OPERATORS, previous))) {
      // `a + b + c` and `a.b.c` nest left: a run of operators is one more level of a chain.
      chains[chains.length - 1]++;
      const hit = deeper(i, 1);
      if (hit) return hit;
    }
    previous = c;
  }
  return undefined;
}

const [NL, CR, TAB, SPACE, SLASH, STAR, BACKSLASH, DQUOTE, QUOTE, BACKTICK] = codes('\n\r\t /*\\"\'`');
const [LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE, SEMICOLON, COMMA, QUESTION, BANG, TILDE, EQUALS, LT, GT, DOT] = codes('()[]{};,?!~=<>.');
const NONE = -1;
const WORD = 'a'.charCodeAt(0);

function codes(chars: string): number[] {
  return [...chars].map((ch) => ch.charCodeAt(0));
}

/** ASCII characters as a lookup table. */
function asciiSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (const code of codes(chars)) set[code] = 1;
  return set;
}

function isIn(set: Uint8Array, code: number): boolean {
  return code < 128 && set[code] === 1;
}

/** After these, a `/` starts a regex literal, not a division. */
const BEFORE_REGEX = asciiSet('(,=:[!&|?{};+-*%<>~^');
const OPERATORS = asciiSet('+-*/%&|^=.');

/** Keywords that take a nested expression or statement after them. */
const PREFIX_WORDS = ['else', 'new', 'await', 'typeof', 'void', 'delete', 'yield', 'return', 'throw', 'case'];
/** The prefix words by length and first character, so a word is compared in place instead of copied out first. */
const PREFIX_BY_START = new Map<number, string[]>();
for (const w of PREFIX_WORDS) {
  const key = w.length * 128 + w.charCodeAt(0);
  PREFIX_BY_START.set(key, [...(PREFIX_BY_START.get(key) ?? []), w]);
}

/** Whether the word of `length` characters at `at` is a prefix word. */
function isPrefixWord(text: string, at: number, length: number): boolean {
  if (length < 3 || length > 6) return false;
  const words = PREFIX_BY_START.get(length * 128 + text.charCodeAt(at));
  return words !== undefined && words.some((w) => text.startsWith(w, at));
}

function continuesStatement(text: string, from: number): boolean {
  let j = from;
  while (text[j] === ' ' || text[j] === '\t' || text[j] === '\r') j++;
  const c = text[j];
  if (c === undefined || c === '\n') return false;
  return '.?:+-*/%&|^<>=!,'.includes(c) || (text.startsWith('else', j) && !isWordChar(text.charCodeAt(j + 4)));
}

/** `<` before a name or `>` (JSX tags, fragments, type arguments), whitespace allowed between. */
function opensAngle(text: string, from: number): boolean {
  let j = from;
  while (text[j] === ' ' || text[j] === '\n' || text[j] === '\r' || text[j] === '\t') j++;
  const code = text.charCodeAt(j);
  return text[j] === '>' || (isWordChar(code) && !(code >= 48 && code <= 57));
}

/** ASCII letters, digits, `_`, `$`: enough to skip over words and numbers. */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}
