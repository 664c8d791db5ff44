import { defineTextRule } from '../../engine/rule.js';
import { templateEngines, unescapedOutputs, type TemplateSyntax, type UnescapedOutput } from './template-outputs.js';

/** How each syntax is written, for messages. */
const WRITTEN: Record<TemplateSyntax, string> = {
  ejs: '<%- %>',
  handlebars: '{{{ }}}',
  'mustache-ampersand': '{{& }}',
  'pug-buffer': '!=',
  'pug-interpolation': '!{ }',
  'pug-attribute': '!=',
  'nunjucks-safe': '| safe',
  'vue-v-html': 'v-html',
  'svelte-html': '{@html }',
  'angular-inner-html': '[innerHTML]',
};

/**
 * Outputs that print markup the template engine rendered itself: EJS partials and layout slots
 * (express-ejs-layouts `body`, `script`, `style`, `meta`; ejs-mate `block()`), Handlebars' `{{{body}}}`,
 * and Eleventy's `{{ content | safe }}`.
 */
const EJS_RENDERED = /^(?:include\b|partial\s*\(|block\s*\(|defineContent\s*\(|(?:body|script|style|meta)$)/;
const LAYOUT_BODY = /^(?:body|content)$/;

/** A fixed string or number prints nothing a user controls. */
const LITERAL = /^(?:'[^'\\]*'|"[^"\\]*"|`[^`$\\]*`|-?\d+(?:\.\d+)?)$/;

/** A sanitiser call around the value: `DOMPurify.sanitize(html)`, `sanitizeHtml(x)`, `$sanitize(x)`, `escape(x)`. */
const SANITIZED = /^[\w$.]*(?:sanitize\w*|purify|escape\w*|xss|filterXSS|encodeHTML\w*)\s*\(/i;

function isExpected(o: UnescapedOutput): boolean {
  const e = o.expression;
  if (e === '' || LITERAL.test(e) || SANITIZED.test(e)) return true;
  if (o.syntax === 'ejs') return EJS_RENDERED.test(e);
  if (o.syntax === 'handlebars') return LAYOUT_BODY.test(e) || e.startsWith('>');
  if (o.syntax === 'nunjucks-safe') return LAYOUT_BODY.test(e);
  return false;
}

function shown(expression: string): string {
  const flat = expression.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

/**
 * Server and front-end templates that print a value as raw HTML instead of escaped text. The value may be
 * trusted markup, so confidence is medium; whether it carries request input is the data-flow rules' question
 * for code, and not knowable from the template alone.
 */
export const unescapedTemplateOutput = defineTextRule({
  id: 'unescaped-template-output',
  messageIds: ['unescaped', 'angularInnerHtml'],
  appliesTo: { languages: ['other'] },
  check({ file, report }) {
    if (file.role === 'test' || file.role === 'build-output' || file.minified) return;
    if (templateEngines(file.path).length === 0) return;
    for (const o of unescapedOutputs(file.path, file.text)) {
      if (isExpected(o)) continue;
      const data = { expression: shown(o.expression), syntax: WRITTEN[o.syntax] };
      if (o.syntax === 'angular-inner-html') {
        // Angular sanitises `[innerHTML]` itself: scripts are removed, markup is not.
        report({ messageId: 'angularInnerHtml', data, offsets: { start: o.start, end: o.end }, severity: 'low', confidence: 'low' });
      } else {
        report({ messageId: 'unescaped', data, offsets: { start: o.start, end: o.end } });
      }
    }
  },
});
