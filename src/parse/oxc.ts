import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OxcError, ParserOptions } from 'oxc-parser';
import { parseSync } from 'oxc-parser/src-js/bindings';
import { jsonParseAst } from 'oxc-parser/src-js/wrap.js';
import type { Language } from '../classify/types.js';
import type { ParseError, Program } from './types.js';
// The same line breaks TypeScript counts (\r\n, \r, \n, U+2028, U+2029), so `loc` agrees with SourceFile.lineStarts.
import { lineIndexOf, lineStartsOf } from '../discover/read.js';

type Lang = NonNullable<ParserOptions['lang']>;
interface RawNode {
  type: string;
  start: number;
  end: number;
  range?: [number, number];
  loc?: unknown;
  [key: string]: unknown;
}

/**
 * JS/TS through oxc (native, several times faster than typescript-estree). oxc already emits the TS-ESTree
 * shape with `range`; what it lacks is `loc`, which rules and findings read, so it is added here from the
 * offsets, counting line breaks as TypeScript does (\n, \r\n, \r, U+2028, U+2029).
 */
export function parseWithOxc(text: string, language: Language, path: string, starts: readonly number[] = lineStartsOf(text)): { ast?: Program; error?: ParseError } {
  const lang = langOf(language, path);
  const attempt = (lang: Lang, sourceType: 'unambiguous' | 'commonjs') => attemptWith(text, starts, lang, path, sourceType);
  const first = attempt(lang, 'unambiguous');
  if (first.ast) return first;
  // Node scripts may `return` at the top level, which TypeScript's grammar accepts.
  const commonjs = lang === 'dts' ? first : attempt(lang, 'commonjs');
  if (commonjs.ast || !isPlainJs(language)) return commonjs.ast ? commonjs : first;
  // typescript-estree reads .js with TypeScript's grammar, which accepts annotations; follow it for parity.
  const typed = attempt('tsx', 'unambiguous');
  return typed.ast ? typed : first;
}

function attemptWith(text: string, starts: readonly number[], lang: Lang, path: string, sourceType: 'unambiguous' | 'commonjs'): { ast?: Program; error?: ParseError } {
  try {
    const result = parseSync(path, text, { lang, astType: 'ts', range: true, preserveParens: false, sourceType: lang === 'dts' ? 'module' : sourceType });
    // Every field is taken at once, as oxc-parser's own wrapper does: each read frees its native memory, which
    // otherwise waits for a finaliser that a synchronous scan never lets run. The wrapper itself (a getter that
    // parses on first read and keeps the AST in its closure) is not used: through it, most ASTs outlived the
    // young-generation collections (`node --trace-gc-nvp`: 3,600 parses, 73 MB promoted and 0.38 s of
    // scavenges through the wrapper, 8 MB and 0.10 s read directly; bench/README.md, third round).
    const { program: json, errors } = result;
    void result.module;
    void result.comments;
    const error = errors.find((e) => e.severity === 'Error');
    if (error) return { error: toParseError(error, starts) };
    // oxc's own step from JSON to AST (BigInt and RegExp values restored), without the wrapper around it.
    const program = jsonParseAst(json) as RawNode;
    addLocations(program, starts);
    return { ast: program as unknown as Program };
  } catch (err) {
    // A failure inside the native parser is this file's problem, not the scan's.
    return { error: { message: err instanceof Error ? err.message.split('\n')[0] : String(err), line: 1, column: 1 } };
  }
}

function langOf(language: Language, path: string): Lang {
  if (language === 'tsx') return 'tsx';
  if (language === 'ts') return /\.d\.[cm]?ts$/i.test(path) ? 'dts' : 'ts';
  return 'jsx';
}

function isPlainJs(language: Language): boolean {
  return language === 'js' || language === 'jsx' || language === 'mjs' || language === 'cjs';
}


/**
 * Sets `loc` on every node, walking iteratively (generated code can nest thousands deep). The location is
 * worked out when it is read: rules and findings read few of them, and three objects and two binary searches
 * per node were a fifth of the parse.
 */
function addLocations(program: RawNode, starts: readonly number[]): void {
  const stack: unknown[] = [program];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) if (typeof value[i] === 'object' && value[i] !== null) stack.push(value[i]);
      continue;
    }
    const node = value as RawNode;
    if (typeof node.type !== 'string' || typeof node.start !== 'number') continue;
    node.loc = new SourceLocation(starts, node.start, node.end);
    for (const key in node) {
      if (key === 'loc' || key === 'range') continue;
      const child = node[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
      else if (child === null && (ABSENT_AS_UNDEFINED.has(key) || ABSENT_AS_UNDEFINED_IN[node.type] === key) && node.type !== 'TSImportType') node[key] = undefined;
    }
    if (node.type === 'JSXText' || (node.type === 'JSXAttribute' && (node.value as RawNode | null)?.type === 'Literal')) decodeJsxEntities(node.type === 'JSXText' ? node : (node.value as RawNode));
    else if (node.type === 'Literal' && node.regex) fixRegexFlags(node);
  }
}

/** A node's `loc` (1-based line, 0-based column, as typescript-estree gives), computed from its offsets when read. */
class SourceLocation {
  readonly #starts: readonly number[];
  readonly #start: number;
  readonly #end: number;
  constructor(starts: readonly number[], start: number, end: number) {
    this.#starts = starts;
    this.#start = start;
    this.#end = end;
  }
  get start(): { line: number; column: number } {
    return positionOf(this.#starts, this.#start);
  }
  get end(): { line: number; column: number } {
    return positionOf(this.#starts, this.#end);
  }
  toJSON(): { start: { line: number; column: number }; end: { line: number; column: number } } {
    return { start: this.start, end: this.end };
  }
}

function positionOf(starts: readonly number[], offset: number): { line: number; column: number } {
  const line = lineIndexOf(starts, offset);
  return { line: line + 1, column: offset - starts[line] };
}

/** Optional TS-ESTree fields typescript-estree leaves undefined where oxc writes null (except `TSImportType`); rules test `=== undefined`. */
const ABSENT_AS_UNDEFINED = new Set(['typeAnnotation', 'typeArguments', 'typeParameters', 'superTypeArguments', 'returnType', 'directive', 'accessibility', 'constraint']);
const ABSENT_AS_UNDEFINED_IN: Record<string, string> = { RestElement: 'value', TSDeclareFunction: 'body', TSMappedType: 'readonly', TSTypeParameter: 'default' };

/** typescript-estree keeps the flags as written (`/x/gd`); oxc sorts them. */
function fixRegexFlags(node: RawNode): void {
  const raw = node.raw as string | null;
  const regex = node.regex as { flags: string };
  if (raw) regex.flags = raw.slice(raw.lastIndexOf('/') + 1);
}

let xhtmlEntities: Record<string, string> | undefined;
/** typescript-estree decodes HTML entities in JSX text and attribute strings (`&amp;` is `&`); oxc keeps them. */
function decodeJsxEntities(node: RawNode): void {
  const value = node.value;
  if (typeof value !== 'string' || !value.includes('&')) return;
  // The same table typescript-estree uses; it is not exported, so it is loaded by file.
  xhtmlEntities ??= (createRequire(import.meta.url)(join(dirname(createRequire(import.meta.url).resolve('@typescript-eslint/typescript-estree')), 'jsx/xhtml-entities.js')) as { xhtmlEntities: Record<string, string> }).xhtmlEntities;
  const table = xhtmlEntities;
  node.value = value.replace(/&(?:#\d+|#x[\da-fA-F]+|[0-9a-zA-Z]+);/g, (entity) => {
    const item = entity.slice(1, -1);
    if (item[0] !== '#') return table[item] ?? entity;
    const code = item[1] === 'x' ? parseInt(item.slice(2), 16) : parseInt(item.slice(1), 10);
    return code > 0x10ffff ? entity : String.fromCodePoint(code);
  });
}

function toParseError(error: OxcError, starts: readonly number[]): ParseError {
  const at = error.labels[0]?.start ?? 0;
  const line = lineIndexOf(starts, at);
  return { message: error.message.split('\n')[0], line: line + 1, column: at - starts[line] + 1 };
}
