import type { AllowStatement, MatchBlock, RulesFunction, RulesSyntaxError, SecurityRules } from './types.js';

/**
 * Reads the Firebase security rules language (firestore.rules, storage.rules) into nested `match` blocks,
 * `allow` statements with their condition text, and functions. It is deliberately forgiving: the rules only
 * need paths, methods and conditions, so anything else (new syntax, typos) is skipped up to the next
 * statement and recorded as an error rather than stopping the read.
 */
export function parseSecurityRules(text: string): SecurityRules {
  return new Reader(text).file();
}

/** `firestore.rules`, `storage.rules`, `firestore.prod.rules`, `rules/storage.rules`: the rules language. */
export function isSecurityRulesPath(path: string): boolean {
  return /(?:^|\/)[\w.-]*\.rules$/i.test(path);
}

const WORD = /[A-Za-z_][\w.]*/y;

class Reader {
  private pos = 0;
  private readonly errors: RulesSyntaxError[] = [];
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  file(): SecurityRules {
    const out: SecurityRules = { matches: [], functions: [], errors: this.errors };
    while (this.skipTrivia()) {
      const start = this.pos;
      const word = this.word();
      if (word === 'rules_version') {
        const value = this.until(';').text.replace(/^\s*=\s*/, '').trim();
        out.version = value.replace(/^['"]|['"]$/g, '');
        this.eat(';');
      } else if (word === 'service') {
        out.service = this.until('{').text.trim();
        if (!this.eat('{')) return this.fail(out, 'expected `{` after the service name', start);
        this.body(out.matches, out.functions, undefined);
      } else if (word === 'match' || word === 'function') {
        // No service line: still read the blocks, so a partial file is checked.
        this.pos = start;
        this.body(out.matches, out.functions, undefined, true);
      } else {
        this.error(`unexpected \`${word ?? this.text[this.pos]}\``, start);
        this.skipStatement();
        // skipStatement stops before a stray `}`: step over it, or the loop would never end.
        if (this.pos === start) this.pos++;
      }
    }
    if (!out.service && out.matches.length === 0) this.error('no `service` or `match` block found', 0);
    return out;
  }

  private fail(out: SecurityRules, message: string, at: number): SecurityRules {
    this.error(message, at);
    return out;
  }

  /** Statements of a block up to its `}` (or the end of the file when `topLevel`). */
  private body(matches: MatchBlock[], functions: RulesFunction[], parent: MatchBlock | undefined, topLevel = false): void {
    const open = this.pos;
    while (this.skipTrivia()) {
      if (this.text[this.pos] === '}') {
        if (topLevel) {
          this.error('unexpected `}`', this.pos);
          this.pos++;
          continue;
        }
        this.pos++;
        return;
      }
      const start = this.pos;
      const word = this.word();
      if (word === 'match') this.match(start, matches, parent);
      else if (word === 'allow' && parent) parent.allows.push(this.allow(start, parent));
      else if (word === 'function') this.func(start, functions);
      // Functions written before the service (`function isAdmin() {…}` then `service cloud.firestore {…}`): the
      // file goes on as usual, its functions in scope for the whole service.
      else if (topLevel && (word === 'service' || word === 'rules_version')) {
        this.pos = start;
        return;
      } else {
        this.error(word ? `unexpected \`${word}\`` : `unexpected \`${this.text[this.pos]}\``, start);
        this.skipStatement();
      }
    }
    if (!topLevel) this.error('a block is not closed: missing `}`', open - 1);
  }

  private match(start: number, siblings: MatchBlock[], parent: MatchBlock | undefined): void {
    this.skipTrivia();
    const pathStart = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (/\s/.test(c)) break;
      if (c === '{') {
        if (depth === 0 && this.text[this.pos - 1] !== '/') break;
        depth++;
      } else if (c === '}') depth--;
      this.pos++;
    }
    const path = this.text.slice(pathStart, this.pos);
    const wildcards = [...path.matchAll(/\{(\w+)(=\*\*)?\}/g)];
    const block: MatchBlock = {
      ...this.located(start, this.pos),
      path,
      fullPath: `${parent?.fullPath ?? ''}${path}`,
      wildcards: [...(parent?.wildcards ?? []), ...wildcards.map((w) => w[1])],
      recursive: (parent?.recursive ?? false) || wildcards.some((w) => w[2]),
      allows: [],
      matches: [],
      functions: [],
      parent,
    };
    siblings.push(block);
    this.skipTrivia();
    if (!this.eat('{')) {
      this.error(`expected \`{\` after \`match ${path}\``, this.pos);
      this.skipStatement();
      return;
    }
    this.body(block.matches, block.functions, block);
    block.end = this.pos;
  }

  private allow(start: number, match: MatchBlock): AllowStatement {
    const head = this.until(':;}');
    const methods = head.text.split(',').map((m) => m.trim()).filter(Boolean);
    let condition: string | undefined;
    if (this.eat(':')) {
      const cond = this.until(';}', true);
      condition = cond.text.trim().replace(/^if\b/, '').trim();
      if (cond.text.trim() && !/^if\b/.test(cond.text.trim())) this.error('expected `if` before the condition', cond.start);
    }
    this.eat(';');
    return { ...this.located(start, this.pos), methods, condition, match };
  }

  private func(start: number, functions: RulesFunction[]): void {
    this.skipTrivia();
    const name = this.word();
    this.skipTrivia();
    if (!name || !this.eat('(')) {
      this.error('expected a function name and `(`', start);
      this.skipStatement();
      return;
    }
    const params = this.until(')').text.split(',').map((p) => p.trim()).filter(Boolean);
    this.eat(')');
    this.skipTrivia();
    if (!this.eat('{')) {
      this.error(`expected \`{\` after function \`${name}\``, this.pos);
      this.skipStatement();
      return;
    }
    const inner = this.until('}', true);
    if (!this.eat('}')) this.error(`function \`${name}\` is not closed`, start);
    const body = inner.text
      .replace(/\breturn\b/g, ' ')
      .replace(/;/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    functions.push({ name, params, body, line: this.located(start, start).line });
  }

  /** Skip whitespace and comments; false at the end of the text. */
  private skipTrivia(): boolean {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\uFEFF') this.pos++;
      else if (c === '/' && t[this.pos + 1] === '/') {
        const nl = t.indexOf('\n', this.pos);
        this.pos = nl === -1 ? t.length : nl + 1;
      } else if (c === '/' && t[this.pos + 1] === '*') {
        const close = t.indexOf('*/', this.pos + 2);
        this.pos = close === -1 ? t.length : close + 2;
      } else return true;
    }
    return false;
  }

  private word(): string | undefined {
    WORD.lastIndex = this.pos;
    const m = WORD.exec(this.text);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  private eat(c: string): boolean {
    this.skipTrivia();
    if (this.text[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  /**
   * Text up to (not including) the first of `stops` outside strings, comments and brackets; comments are
   * left out of the text. With `nested`, `{}` count as brackets too (a `}` closing the block still stops).
   */
  private until(stops: string, nested = false): { text: string; start: number } {
    const t = this.text;
    const start = this.pos;
    let out = '';
    let depth = 0;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === '/' && t[this.pos + 1] === '/') {
        const nl = t.indexOf('\n', this.pos);
        this.pos = nl === -1 ? t.length : nl;
        continue;
      }
      if (c === '/' && t[this.pos + 1] === '*') {
        const close = t.indexOf('*/', this.pos + 2);
        this.pos = close === -1 ? t.length : close + 2;
        out += ' ';
        continue;
      }
      if (c === '"' || c === "'") {
        const end = this.stringEnd(this.pos);
        out += t.slice(this.pos, end);
        this.pos = end;
        continue;
      }
      if (depth === 0 && stops.includes(c)) break;
      if (c === '(' || c === '[' || (nested && c === '{')) depth++;
      else if (c === ')' || c === ']' || (nested && c === '}')) {
        if (depth === 0) break;
        depth--;
      }
      out += c;
      this.pos++;
    }
    return { text: out, start };
  }

  private stringEnd(from: number): number {
    const quote = this.text[from];
    let i = from + 1;
    while (i < this.text.length && this.text[i] !== quote && this.text[i] !== '\n') i += this.text[i] === '\\' ? 2 : 1;
    return Math.min(i + 1, this.text.length);
  }

  /** Skip an unknown statement: up to `;`, a balanced `{…}`, or the `}` closing the block. */
  private skipStatement(): void {
    const t = this.text;
    let depth = 0;
    while (this.pos < t.length) {
      this.skipTrivia();
      const c = t[this.pos];
      if (c === undefined) return;
      if (c === '"' || c === "'") {
        this.pos = this.stringEnd(this.pos);
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) return;
        depth--;
        if (depth === 0) {
          this.pos++;
          return;
        }
      } else if (c === ';' && depth === 0) {
        this.pos++;
        return;
      }
      this.pos++;
    }
  }

  private located(start: number, end: number) {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= start) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: start - this.lineStarts[lo] + 1, start, end };
  }

  private error(message: string, at: number): void {
    const { line, column } = this.located(at, at);
    this.errors.push({ message, line, column });
  }
}
