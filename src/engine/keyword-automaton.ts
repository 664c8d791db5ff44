/**
 * An Aho-Corasick automaton over ASCII keywords: one pass over a text finds every keyword it holds (overlapping
 * ones too), where `text.includes(k)` per keyword reads the text once per keyword. Used where many keywords are
 * asked of every file: the secret detectors' prefilter and the AST rules' triggers.
 */
export class KeywordAutomaton {
  private readonly delta: Int32Array;
  private readonly ends: Uint8Array;
  private readonly outputs: number[][];

  /** `foldCase`: letters match whatever their case (keywords are given in lower case). */
  constructor(
    readonly keywords: readonly string[],
    foldCase = false,
  ) {
    const W = 128;
    const next: Int32Array[] = [new Int32Array(W).fill(-1)];
    const out: number[][] = [[]];
    keywords.forEach((k, index) => {
      let state = 0;
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        if (c >= W || (foldCase && c >= 65 && c <= 90)) throw new Error(`keyword ${JSON.stringify(k)} is not lower-case ASCII`);
        if (next[state][c] === -1) {
          next[state][c] = next.length;
          next.push(new Int32Array(W).fill(-1));
          out.push([]);
        }
        state = next[state][c];
      }
      out[state].push(index);
    });
    const fail = new Int32Array(next.length);
    const queue: number[] = [];
    for (let c = 0; c < W; c++) {
      const s = next[0][c];
      if (s === -1) next[0][c] = 0;
      else queue.push(s);
    }
    for (let head = 0; head < queue.length; head++) {
      const r = queue[head];
      for (let c = 0; c < W; c++) {
        const s = next[r][c];
        if (s === -1) {
          next[r][c] = next[fail[r]][c];
        } else {
          fail[s] = next[fail[r]][c];
          out[s] = out[s].concat(out[fail[s]]);
          queue.push(s);
        }
      }
    }
    // Case folded into the table (an upper-case letter moves as its lower case does), and a flag per state for
    // whether any keyword ends there: the loop below does one table read per character, twice as fast as folding
    // each character and reading a list per state. (A narrower table, a column per character the keywords use,
    // was slower: 50 against 36 ms over ghost's 14 MB, for the extra read per character.)
    this.delta = new Int32Array(next.length * W);
    next.forEach((row, s) => {
      const folded = foldCase ? row.slice() : row;
      if (foldCase) for (let c = 65; c <= 90; c++) folded[c] = row[c + 32];
      this.delta.set(folded, s * W);
    });
    this.ends = Uint8Array.from(out, (o) => (o.length ? 1 : 0));
    this.outputs = out;
  }

  /** Which keywords occur in `text`, by their index in `keywords` (1 where one does). */
  present(text: string): Uint8Array {
    const found = new Uint8Array(this.keywords.length);
    const { delta, ends, outputs } = this;
    let state = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      // No keyword holds a character beyond ASCII, so none can match across one.
      if (c >= 128) {
        state = 0;
        continue;
      }
      state = delta[(state << 7) | c];
      if (ends[state] === 1) for (const k of outputs[state]) found[k] = 1;
    }
    return found;
  }

  /** The keywords occurring in `text`. */
  find(text: string): Set<string> {
    const found = this.present(text);
    const out = new Set<string>();
    for (let k = 0; k < found.length; k++) if (found[k] === 1) out.add(this.keywords[k]);
    return out;
  }
}
