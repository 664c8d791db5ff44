import type { SourceFile } from '../../model/types.js';

/** Offsets of a `"name": "range"` entry in package.json text, key start to value end. */
export interface EntryOffsets {
  start: number;
  end: number;
}

type Blocks = Map<string, Map<string, EntryOffsets>>;
const cache = new WeakMap<SourceFile, Blocks>();

/** Where `"name": …` sits inside the top-level `block` object (`dependencies`, `devDependencies`…). */
export function locateEntry(file: SourceFile, block: string, name: string): EntryOffsets | undefined {
  let blocks = cache.get(file);
  if (!blocks) {
    blocks = scanEntries(file.text);
    cache.set(file, blocks);
  }
  return blocks.get(block)?.get(name);
}

/**
 * A minimal JSON scanner keeping the offsets of every key of every top-level object. JSON.parse keeps no
 * positions, and searching the text for `"name"` would find the same name in another block or in a script.
 * On malformed input it returns what it found so far.
 */
export function scanEntries(text: string): Blocks {
  const blocks: Blocks = new Map();
  let i = 0;
  const fail = () => {
    throw new SyntaxError('malformed JSON');
  };
  const skipSpace = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) i++;
      else break;
    }
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  // depth 0: the manifest object; depth 1: a top-level value whose keys are recorded under `block`.
  const readValue = (depth: number, block?: string): void => {
    skipSpace();
    const c = text[i];
    if (c === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail();
        const keyStart = i;
        const key = readString();
        skipSpace();
        if (text[i] !== ':') fail();
        i++;
        if (depth === 0) readValue(1, key);
        else {
          readValue(depth + 1);
          if (depth === 1 && block !== undefined) {
            let entries = blocks.get(block);
            if (!entries) blocks.set(block, (entries = new Map()));
            entries.set(key, { start: keyStart, end: i });
          }
        }
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail();
      }
    } else if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        readValue(depth + 1);
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail();
      }
    } else if (c === '"') {
      readString();
    } else {
      const start = i;
      while (i < text.length && !/[\s,}\]]/.test(text[i])) i++;
      if (i === start) fail();
    }
  };
  try {
    readValue(0);
  } catch {
    /* keep what was found */
  }
  return blocks;
}
