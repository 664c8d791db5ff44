/**
 * How deep data files (YAML, JSON, GraphQL, Firebase rules) nest, estimated before a parser sees them.
 *
 * The YAML and GraphQL parsers recurse once per level and throw a RangeError at about 900 levels, as do the rules
 * that walk what they parse. A RangeError is caught; but when the stack runs out while V8 compiles a regular
 * expression for the first time, V8 ends the whole process ("RegExpCompiler Allocation failed"), which no
 * try/catch can turn into a notification: a workflow nested 5,000 levels beside another YAML file did that. So data
 * nested deeper than any real configuration is refused, like deeply nested code (nesting.ts).
 */
export const MAX_DATA_NESTING = 256;

export interface NestingSyntax {
  /** `(` nests too (GraphQL arguments, rules conditions); JSON and YAML flow collections have `[` and `{` only. */
  parens?: boolean;
  /** `//` and `/* … *\/` comments (Firebase rules, relaxed JSON). */
  slashComments?: boolean;
  /** `#` comments (GraphQL). */
  hashComments?: boolean;
  /** `'` quotes strings too (Firebase rules); `"` always does. */
  singleQuotes?: boolean;
}

export interface NestingPlace {
  line: number;
  column: number;
}

/** Where brackets outside strings and comments first nest deeper than `limit`, or undefined when they never do. */
export function bracketsBeyond(text: string, syntax: NestingSyntax = {}, limit = MAX_DATA_NESTING): NestingPlace | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 91 || c === 123 || (c === 40 && syntax.parens)) {
      if (++depth > limit) return { line, column: i - lineStart + 1 };
    } else if (c === 93 || c === 125 || (c === 41 && syntax.parens)) {
      if (depth > 0) depth--;
    } else if (c === 34 || (c === 39 && syntax.singleQuotes)) {
      // A string ends at its quote or, unterminated, at the end of the line.
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== c && text.charCodeAt(j) !== 10) j += text.charCodeAt(j) === 92 ? 2 : 1;
      i = j < n && text.charCodeAt(j) === 10 ? j - 1 : j;
    } else if ((c === 35 && syntax.hashComments) || (c === 47 && syntax.slashComments && text.charCodeAt(i + 1) === 47)) {
      const end = text.indexOf('\n', i);
      i = (end === -1 ? n : end) - 1;
    } else if (c === 47 && syntax.slashComments && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      for (let j = i; j < stop; j++) if (text.charCodeAt(j) === 10) (line++, (lineStart = j + 1));
      i = stop - 1;
    }
  }
  return undefined;
}

/**
 * Where YAML first nests deeper than `limit`: block levels (each a deeper indentation than the one holding it, or a
 * compact `- - -` on one line) plus flow collections (`[`, `{`) open at that point. An upper bound: a block scalar's
 * text (`|`, `>`) is skipped, and any other deeper indentation counts as a level.
 */
export function yamlBeyond(text: string, limit = MAX_DATA_NESTING): NestingPlace | undefined {
  const indents: number[] = [];
  let flow = 0;
  let scalarIndent = -1;
  let lineNo = 0;
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    lineNo++;
    let i = start;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    const indent = i - start;
    const blank = i >= end || text[i] === '#' || text[i] === '\r';
    if (scalarIndent >= 0 && (blank || indent > scalarIndent)) {
      start = end + 1;
      continue;
    }
    scalarIndent = -1;
    if (!blank) {
      if (flow === 0) {
        while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
      }
      let compact = 0;
      // `- - - x` and `? ` open a level each on the same line.
      while (i + 1 < end && (text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        if (indents.length + ++compact + flow > limit) return { line: lineNo, column: i - start + 1 };
        i += 2;
        while (i < end && text[i] === ' ') i++;
      }
      if (indents.length + compact + flow > limit) return { line: lineNo, column: i - start + 1 };
      for (; i < end; i++) {
        const c = text[i];
        if (c === '#' && (i === start || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
        if (c === '"' || c === "'") {
          let j = i + 1;
          while (j < end && text[j] !== c) j += c === '"' && text[j] === '\\' ? 2 : 1;
          i = j;
        } else if (c === '[' || c === '{') {
          if (indents.length + compact + ++flow > limit) return { line: lineNo, column: i - start + 1 };
        } else if ((c === ']' || c === '}') && flow > 0) flow--;
      }
      // A block scalar's header (`key: |`, `- >-`): its text follows, indented deeper.
      if (flow === 0 && /[|>][-+0-9]*\s*(?:#.*)?\r?$/.test(text.slice(Math.max(start, end - 12), end)) && /(?:^|[\s:-])[|>][-+0-9]*\s*(?:#.*)?\r?$/.test(text.slice(start, end))) scalarIndent = indent;
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  return undefined;
}

/** The parse error for data refused by depth. */
export function tooDeep(place: NestingPlace): { message: string; line: number; column: number } {
  return { message: `data is nested more than ${MAX_DATA_NESTING} levels deep here, deeper than vibeaudit parses`, ...place };
}
