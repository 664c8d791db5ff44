import type { Language } from '../classify/types.js';
import { isScript } from '../classify/types.js';
import { parseSuppressions, type SuppressionDirective } from './suppress.js';

/** How a line comment is written in a file: `start` opens it, `end` (if any) closes it. */
export interface CommentSyntax {
  start: string;
  end?: string;
}

const HASH: CommentSyntax = { start: '#' };
const MARKUP: CommentSyntax = { start: '<!--', end: '-->' };

/** Files with no language of their own whose comments we still know (config formats, markup). */
const OTHER_BY_EXTENSION: Record<string, CommentSyntax> = {
  toml: HASH, sh: HASH, bash: HASH, zsh: HASH, py: HASH, rb: HASH, tf: HASH, hcl: HASH, properties: HASH, conf: HASH, cfg: HASH, ini: HASH,
  html: MARKUP, htm: MARKUP, md: MARKUP, markdown: MARKUP, xml: MARKUP,
};

/** The comment a suppression directive is written in for this file, or undefined where a file has no comments (JSON). */
export function commentSyntaxOf(path: string, language: Language): CommentSyntax | undefined {
  if (isScript(language)) return { start: '//' };
  if (language === 'yaml' || language === 'env' || language === 'dockerfile') return HASH;
  if (language === 'sql') return { start: '--' };
  if (language !== 'other') return undefined;
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot > 0 ? OTHER_BY_EXTENSION[name.slice(dot + 1)] : undefined;
}

/**
 * A file's suppression directives. Files of a known language accept every recognised comment form; other
 * files (TOML, HTML, markdown) only their own, since prose quoting `// vibeaudit-ignore…` is an example, not
 * a directive. JSON and unknown formats have none. In scripts, text inside a string on the directive's line
 * (`'// vibeaudit-ignore-next-line x'`, as code that writes code has) is data, not a directive.
 */
export function suppressionsOf(path: string, language: Language, text: string): SuppressionDirective[] {
  if (language === 'json') return [];
  if (isScript(language)) {
    const directives = parseSuppressions(text);
    if (directives.length === 0) return directives;
    const lines = text.split('\n');
    // `{/* … */}` is JSX, whose text before it on the line (`<p>Don't</p>`) is not code: not checked.
    return directives.filter((d) => lines[d.line - 1][d.column - 1] === '{' || !opensString(lines[d.line - 1].slice(0, d.column - 1)));
  }
  if (language !== 'other') return parseSuppressions(text);
  const syntax = commentSyntaxOf(path, language);
  if (!syntax) return [];
  const directives = parseSuppressions(text);
  if (directives.length === 0) return directives;
  const lines = text.split('\n');
  return directives.filter((d) => lines[d.line - 1]?.startsWith(syntax.start, d.column - 1));
}

/**
 * Does this start of a script line leave a string or template literal open? Quotes are followed from the line's
 * start, with escapes; a comment ends the search. A template literal opened on an earlier line is not seen.
 */
function opensString(prefix: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '/' && (prefix[i + 1] === '/' || prefix[i + 1] === '*')) return false;
  }
  return quote !== undefined;
}
