/** Template syntaxes that print a value as raw HTML. */
export type TemplateSyntax = 'ejs' | 'handlebars' | 'mustache-ampersand' | 'pug-buffer' | 'pug-interpolation' | 'pug-attribute' | 'nunjucks-safe' | 'vue-v-html' | 'svelte-html' | 'angular-inner-html';

export interface UnescapedOutput {
  syntax: TemplateSyntax;
  /** The printed expression, as written. */
  expression: string;
  /** Offsets of the whole tag or attribute in the file text. */
  start: number;
  end: number;
}

type Engine = 'ejs' | 'handlebars' | 'pug' | 'nunjucks' | 'vue' | 'svelte' | 'angular';

/** Which engines a file can hold, by extension. Plain `.html` is used as a view by EJS, Nunjucks, Angular, … */
const ENGINES_BY_EXTENSION: Record<string, readonly Engine[]> = {
  ejs: ['ejs'],
  hbs: ['handlebars'],
  handlebars: ['handlebars'],
  mustache: ['handlebars'],
  pug: ['pug'],
  jade: ['pug'],
  njk: ['nunjucks'],
  nunjucks: ['nunjucks'],
  jinja: ['nunjucks'],
  jinja2: ['nunjucks'],
  j2: ['nunjucks'],
  vue: ['vue'],
  svelte: ['svelte'],
  html: ['ejs', 'handlebars', 'nunjucks', 'vue', 'angular'],
  htm: ['ejs', 'handlebars', 'nunjucks', 'vue', 'angular'],
};

export function templateEngines(path: string): readonly Engine[] {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? [] : ENGINES_BY_EXTENSION[path.slice(dot + 1).toLowerCase()] ?? [];
}

/** Replace matches with spaces (keeping line breaks) so offsets into the text stay valid. */
function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => m.replace(/[^\n]/g, ' '));
}

const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const EJS_COMMENT = /<%#[\s\S]*?%>/g;
const HANDLEBARS_COMMENT = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g;
const NUNJUCKS_COMMENT = /\{#[\s\S]*?#\}/g;
const SCRIPT_OR_STYLE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

/** Pug `//` and `//-` comments: the line and every line indented below it. */
function blankPugComments(text: string): string {
  const lines = text.split('\n');
  let commentIndent = -1;
  return lines
    .map((line) => {
      const indent = line.length - line.trimStart().length;
      if (commentIndent >= 0 && (line.trim() === '' || indent > commentIndent)) return ' '.repeat(line.length);
      commentIndent = -1;
      if (line.trimStart().startsWith('//')) {
        commentIndent = indent;
        return ' '.repeat(line.length);
      }
      return line;
    })
    .join('\n');
}

/** Only the outer `<template>` of a Vue single-file component is markup. */
function vueTemplate(text: string): string {
  const open = /<template\b[^>]*>/i.exec(text);
  const close = text.toLowerCase().lastIndexOf('</template>');
  if (!open || close < open.index) return blank(text, /[\s\S]+/g);
  const from = open.index + open[0].length;
  return blank(text.slice(0, from), /[\s\S]+/g) + text.slice(from, close) + blank(text.slice(close), /[\s\S]+/g);
}

/** The end of a `{…}` expression that starts at `open` (a `{`), counting nested braces; -1 when unbalanced. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
    else if (c === '"' || c === "'" || c === '`') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    }
  }
  return -1;
}

function* matches(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    yield m;
    if (m[0].length === 0) pattern.lastIndex++;
  }
}

function ejs(text: string, out: UnescapedOutput[]): void {
  const masked = blank(blank(text, EJS_COMMENT), HTML_COMMENT);
  for (const m of matches(masked, /<%-([\s\S]*?)[-_]?%>/g)) out.push({ syntax: 'ejs', expression: m[1].trim(), start: m.index, end: m.index + m[0].length });
}

function handlebars(text: string, out: UnescapedOutput[]): void {
  const masked = blank(blank(text, HANDLEBARS_COMMENT), HTML_COMMENT);
  // `{{{{raw}}}}` blocks are Handlebars' verbatim blocks, not output.
  for (const m of matches(masked, /(?<!\{)\{\{\{(?!\{)~?([\s\S]*?)~?\}\}\}/g)) out.push({ syntax: 'handlebars', expression: m[1].trim(), start: m.index, end: m.index + m[0].length });
  for (const m of matches(masked, /\{\{&([^}]*)\}\}/g)) out.push({ syntax: 'mustache-ampersand', expression: m[1].trim(), start: m.index, end: m.index + m[0].length });
}

function nunjucks(text: string, out: UnescapedOutput[]): void {
  const masked = blank(blank(text, NUNJUCKS_COMMENT), HTML_COMMENT);
  for (const m of matches(masked, /\{\{-?([\s\S]*?)-?\}\}/g)) {
    const safe = /\|\s*safe\b/.exec(m[1]);
    if (safe) out.push({ syntax: 'nunjucks-safe', expression: m[1].slice(0, safe.index).trim(), start: m.index, end: m.index + m[0].length });
  }
}

const PUG_KEYWORD = /^(?:if|else|unless|while|each|for|case|when|default|mixin|block|extends|include|append|prepend|yield)\b/;

function pug(text: string, out: UnescapedOutput[]): void {
  const masked = blankPugComments(text);
  let offset = 0;
  for (const line of masked.split('\n')) {
    const body = line.trimStart();
    // Code lines (`- x != y`), conditions (`if a != b`) and piped text use `!=` as a comparison or as text.
    if (body && !body.startsWith('-') && !body.startsWith('|') && !PUG_KEYWORD.test(body)) {
      const tag = /^[ \t]*((?:[A-Za-z][\w:-]*|[#.][\w-]+)(?:[#.][\w-]+)*(?:\([^)]*\))?)?!=(?!=)[ \t]*(\S.*)$/.exec(line);
      if (tag) out.push({ syntax: 'pug-buffer', expression: tag[2].trim(), start: offset + line.length - body.length, end: offset + line.length });
      const attrs = /^[ \t]*[A-Za-z#.][\w#.:-]*\(([^)]*)\)/.exec(line);
      if (attrs) {
        const listStart = offset + attrs.index + attrs[0].length - attrs[1].length - 1;
        for (const a of matches(attrs[1], /(?:^|[\s,])([\w:@.-]+)!=(?!=)\s*("[^"]*"|'[^']*'|[^\s,)]+)/g)) {
          const at = listStart + a.index + a[0].length - a[0].trimStart().length;
          out.push({ syntax: 'pug-attribute', expression: a[2], start: at, end: listStart + a.index + a[0].length });
        }
      }
    }
    for (const m of matches(line, /!\{/g)) {
      const close = closingBrace(line, m.index + 1);
      if (close > 0) out.push({ syntax: 'pug-interpolation', expression: line.slice(m.index + 2, close).trim(), start: offset + m.index, end: offset + close + 1 });
    }
    offset += line.length + 1;
  }
}

function vue(text: string, path: string, out: UnescapedOutput[]): void {
  const markup = path.toLowerCase().endsWith('.vue') ? vueTemplate(text) : text;
  const masked = blank(markup, HTML_COMMENT);
  for (const m of matches(masked, /\s(?:v-html|(?:v-bind)?:inner-?html)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const start = m.index + 1;
    out.push({ syntax: 'vue-v-html', expression: (m[1] ?? m[2]).trim(), start, end: m.index + m[0].length });
  }
}

function svelte(text: string, out: UnescapedOutput[]): void {
  const masked = blank(blank(text, SCRIPT_OR_STYLE), HTML_COMMENT);
  for (const m of matches(masked, /\{@html\s/g)) {
    const close = closingBrace(masked, m.index);
    if (close > 0) out.push({ syntax: 'svelte-html', expression: masked.slice(m.index + 6, close).trim(), start: m.index, end: close + 1 });
  }
}

function angular(text: string, out: UnescapedOutput[]): void {
  const masked = blank(text, HTML_COMMENT);
  for (const m of matches(masked, /\s(?:\[innerHTML\]|bind-innerHTML)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out.push({ syntax: 'angular-inner-html', expression: (m[1] ?? m[2]).trim(), start: m.index + 1, end: m.index + m[0].length });
  }
}

/** Every place a template file prints a value without HTML escaping, in file order. */
export function unescapedOutputs(path: string, text: string): UnescapedOutput[] {
  const out: UnescapedOutput[] = [];
  for (const engine of templateEngines(path)) {
    if (engine === 'ejs' && text.includes('<%-')) ejs(text, out);
    else if (engine === 'handlebars' && (text.includes('{{{') || text.includes('{{&'))) handlebars(text, out);
    else if (engine === 'nunjucks' && text.includes('safe')) nunjucks(text, out);
    else if (engine === 'pug' && text.includes('!')) pug(text, out);
    else if (engine === 'vue' && /v-html|innerhtml/i.test(text)) vue(text, path, out);
    else if (engine === 'svelte' && text.includes('{@html')) svelte(text, out);
    else if (engine === 'angular' && text.includes('innerHTML')) angular(text, out);
  }
  return out.sort((a, b) => a.start - b.start);
}
