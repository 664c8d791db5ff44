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
 * Bundled code that is not minified (a browserify or webpack development build committed to the repository): its
 * bundler's runtime is at the top. Such files are build output, scanned as text like minified ones.
 */
export function looksBundled(text: string): boolean {
  return BUNDLER_RUNTIME.test(text.length > BUNDLER_RUNTIME_WITHIN ? text.slice(0, BUNDLER_RUNTIME_WITHIN) : text);
}

/**
 * Where each line starts, with the parsers' line breaks (\n, \r\n, a lone \r, U+2028, U+2029): AST locations
 * and text offsets must name the same line, or a finding in a file saved with old Mac line endings gets the
 * whole file as its snippet.
 */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (!/[\r\u2028\u2029]/.test(text)) {
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
