const decoder = new TextDecoder('utf-8', { fatal: false });
/** Strips the BOM itself (ignoreBOM is false). */
const utf16Decoder = new TextDecoder('utf-16le', { fatal: false });

/** A UTF-16 byte-order mark: editors on Windows save text so, and its ASCII characters carry NUL bytes. */
function utf16Of(bytes: Uint8Array): 'le' | 'be' | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return undefined;
}

/** NUL bytes in the first 8 KiB: a binary file (the same test git uses), unless a UTF-16 BOM says it is text. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (utf16Of(bytes)) return false;
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** UTF-8 (or UTF-16 with a BOM) with the BOM stripped; invalid bytes become U+FFFD rather than failing the file. */
export function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16Of(bytes);
  if (utf16) {
    // Big-endian is swapped to little-endian: Node's TextDecoder knows utf-16le in every build.
    const le = utf16 === 'le' ? bytes : Buffer.from(bytes.subarray(0, bytes.length & ~1)).swap16();
    return utf16Decoder.decode(le);
  }
  const text = decoder.decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A file's text as the scan reads it: decoded (decodeText), without the data of an inline source map it ends with
 * (`//# sourceMappingURL=data:application/json;base64,…`, written by tsc's `inlineSourceMap`, Babel and bundlers'
 * development builds). The comment stays, so lines and offsets are those of the file; only the base 64 after its
 * comma goes. It is neither code nor readable text: a pattern matching inside it is noise, and its one long line
 * made a compiled file look minified, so its code was never parsed. On compiled packages it is most of the bytes
 * (parse-server's lib/: 3.7 of 5.3 MB).
 */
export function decodeSource(bytes: Uint8Array): string {
  const data = inlineSourceMapData(bytes);
  return decodeText(data ? Buffer.concat([bytes.subarray(0, data.start), bytes.subarray(data.end)]) : bytes);
}

const MAP_MARKER = Buffer.from('sourceMappingURL=data:');
const BASE64_FLAG = Buffer.from(';base64');
/** Not worth a copy of the file below this. */
const MIN_MAP_DATA = 256;
const MAX_MAP_HEADER = 200;
const ONLY_BASE64 = /^[A-Za-z0-9+/=]*$/;

/**
 * Where the base-64 data of a trailing inline source map lies: after `//# sourceMappingURL=data:…;base64,` (or the
 * older `//@`), up to the trailing white space, every byte base 64. Nothing but a line comment can hold that, as a
 * string or block comment would need a closing quote or `*\/` after it.
 */
function inlineSourceMapData(bytes: Uint8Array): { start: number; end: number } | undefined {
  if (bytes.length < MIN_MAP_DATA || utf16Of(bytes)) return undefined;
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Most files end otherwise: their last bytes looked at.
  if (end < MIN_MAP_DATA || !ONLY_BASE64.test(buf.toString('latin1', end - MIN_MAP_DATA, end))) return undefined;
  // The marker on the last line, `//# ` or `//@ ` before it, and only the media type between it and the comma
  // (`application/json;charset=utf-8;base64`).
  const lineStart = buf.lastIndexOf(0x0a, end - 1) + 1;
  const found = buf.subarray(lineStart, end).lastIndexOf(MAP_MARKER);
  if (found < 0) return undefined;
  const marker = lineStart + found;
  if (marker < 4 || buf[marker - 1] !== 0x20 || (buf[marker - 2] !== 0x23 && buf[marker - 2] !== 0x40) || buf[marker - 3] !== 0x2f || buf[marker - 4] !== 0x2f) return undefined;
  const comma = buf.indexOf(0x2c, marker + MAP_MARKER.length);
  if (comma < 0 || comma - marker > MAX_MAP_HEADER || !buf.subarray(comma - BASE64_FLAG.length, comma).equals(BASE64_FLAG)) return undefined;
  const start = comma + 1;
  return end - start >= MIN_MAP_DATA && ONLY_BASE64.test(buf.toString('latin1', start, end)) ? { start, end } : undefined;
}

/** Bundled or minified code: a few enormous lines. */
export function looksMinified(text: string): boolean {
  if (text.length < 4000) return false;
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lines++;
    longest = Math.max(longest, i - start);
    start = i + 1;
  }
  longest = Math.max(longest, text.length - start);
  return longest > 5000 || text.length / lines > 400;
}

/**
 * The module runtime bundlers put at the top of their output, which stays recognisable when the output is not
 * minified: browserify's prelude (its test that require is a function, as a minifier writes it), webpack's
 * bootstrap comment and its chunk loaders pushing onto a global array (webpack 4 and 5), and Parcel 1's prelude.
 * Written so that no part of this file reads as one of them.
 */
const BUNDLER_RUNTIME = /"function"\s*==\s*typeof require\s*&&\s*require|typeof require\s*==\s*"function"\s*&&\s*require|\/\/ webpackBootstrap|webpack(?:Jsonp|Chunk)\w*["']?\]?\s*\|\|\s*\[\]\s*\)\s*\.push\(|parcelRequire\s*=\s*\(function\s*\(modules\s*,/;
/** The runtime starts within this many characters: room for a licence banner before it, not for the code it bundles. */
const BUNDLER_RUNTIME_WITHIN = 3000;

/**
 * A file name with a bundler's content hash before its extension: hexadecimal (`chunk.524.c8d208efb3cc.js`,
 * `index-9cc1df42.mjs`: letters and digits both, so no date) or Vite's and esbuild's eight characters of base 64 or
 * 32 with a capital and a digit (`index-B-dr4KFq.js`, `chunk-5LJQ7T2A.js`; not `-v1-utils`, `-UserCard`).
 */
const HASHED_NAME = /[-.](?:(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,32}|(?=[\w-]{0,7}[A-Z])(?=[\w-]{0,7}\d)[\w-]{8})(?:\.[cm]?js)?(?:\.map)?$/;
/** The source map comment a bundler ends a chunk with: `//# sourceMappingURL=index-9cc1df42.mjs.map`. */
const SOURCE_MAP_COMMENT = /\/\/[#@] sourceMappingURL=([^\s'"]+)\s*$/;
/** A chunk importing the chunks it was split from: `import { u as ce } from "./index-fb425884.mjs"`. */
const CHUNK_IMPORT = /\bfrom\s*["'](\.\.?\/[^"'\n]+\.[cm]?js)["']/g;
/** How much of the end holds the source map comment. */
const SOURCE_MAP_WITHIN = 400;

/**
 * Bundled code that is not minified, committed to the repository, which is build output scanned as text like
 * minified code:
 * - a browserify or webpack development build, whose bundler's runtime is at the top;
 * - a chunk of a Rollup, Vite or webpack build (a library build, or an app's client built into a folder the server
 *   serves): its source map or the chunks it imports are named by content hash. Compilers that emit one file per
 *   source (tsc, Babel) name their maps after the source, and hand-written code imports modules by name.
 */
export function looksBundled(text: string): boolean {
  const head = text.length > BUNDLER_RUNTIME_WITHIN ? text.slice(0, BUNDLER_RUNTIME_WITHIN) : text;
  if (BUNDLER_RUNTIME.test(head)) return true;
  const map = SOURCE_MAP_COMMENT.exec(text.length > SOURCE_MAP_WITHIN ? text.slice(-SOURCE_MAP_WITHIN) : text)?.[1];
  if (map && HASHED_NAME.test(map.slice(map.lastIndexOf('/') + 1))) return true;
  if (!head.includes('from')) return false;
  for (const [, spec] of head.matchAll(CHUNK_IMPORT)) if (HASHED_NAME.test(spec.slice(spec.lastIndexOf('/') + 1))) return true;
  return false;
}

/**
 * Where each line starts, with the parsers' line breaks (\n, \r\n, a lone \r, U+2028, U+2029): AST locations
 * and text offsets must name the same line, or a finding in a file saved with old Mac line endings gets the
 * whole file as its snippet.
 */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  // Three searches for one character each, not one regex for any of three: V8 answers a search for a character beyond
  // Latin-1 in a Latin-1 string at once, and finds `\r` with a memory scan (keystone's 24 MB: 42 -> 34 ms).
  if (text.indexOf('\r') < 0 && text.indexOf('\u2028') < 0 && text.indexOf('\u2029') < 0) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 0x2028 || c === 0x2029) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The 0-based line holding `offset`, given the file's line starts (binary search). */
export function lineIndexOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
