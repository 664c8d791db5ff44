import { createRequire } from 'node:module';
import type * as TsEstree from '@typescript-eslint/typescript-estree';
import type { Language } from '../classify/types.js';
import { parseWithOxc } from './oxc.js';
import { DEFAULT_SCRIPT_PARSER, type ParseError, type Program, type ScriptParser } from './types.js';

// typescript-estree loads the whole TypeScript compiler (about half a second): only when it is chosen.
let tsEstree: typeof TsEstree | undefined;
const reference = (): typeof TsEstree => (tsEstree ??= createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as typeof TsEstree);

/**
 * The one place JS/TS is parsed. Rules see the TS-ESTree shape only, so the parser behind this function
 * can change without touching them.
 */
export function parseScript(text: string, language: Language, path: string, parser: ScriptParser = DEFAULT_SCRIPT_PARSER, lineStarts?: readonly number[]): { ast?: Program; error?: ParseError } {
  // The scan already counted the file's lines: oxc's locations reuse them instead of counting again.
  if (parser === 'oxc') return parseWithOxc(text, language, path, lineStarts);
  const jsx = language === 'tsx' || language === 'jsx' || (language === 'js' && /<[A-Za-z>]/.test(text));
  try {
    return { ast: parseWith(text, jsx, path) };
  } catch (first) {
    // Plain .js files sometimes hold JSX and sometimes use `<T>` casts; try the other reading before giving up.
    if (language === 'js' || language === 'mjs' || language === 'cjs') {
      try {
        return { ast: parseWith(text, !jsx, path) };
      } catch {
        /* report the first error */
      }
    }
    return { error: toParseError(first) };
  }
}

function parseWith(text: string, jsx: boolean, path: string): Program {
  return reference().parse(text, {
    loc: true,
    range: true,
    comment: true,
    jsx,
    filePath: path,
    errorOnUnknownASTType: false,
    suppressDeprecatedPropertyWarnings: true,
  }) as Program;
}

function toParseError(err: unknown): ParseError {
  if (err instanceof reference().TSError) {
    return { message: err.message.split('\n')[0], line: err.location.start.line, column: err.location.start.column + 1 };
  }
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return { message, line: 1, column: 1 };
}
