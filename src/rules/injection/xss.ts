import type { TaintFlow } from '../../dataflow/index.js';
import type { ProjectModel } from '../../model/types.js';
import { defineTaintRule } from './taint-rule.js';

/** `res.type('text/plain')` or `res.setHeader('Content-Type', 'application/json')` on its own line: not HTML. */
const NOT_HTML_TYPE =
  /\.(?:type|contentType)\(\s*['"`](?![^'"`]*(?:html|xml|svg))[^'"`]+['"`]\s*\)|\.(?:set|setHeader|header)\(\s*['"`]content-type['"`]\s*,\s*['"`](?![^'"`]*(?:html|xml|svg))[^'"`]+['"`]/i;

/** The line that opens a function body: `(req, res) => {`, `async function handler(req, res) {`. */
const FUNCTION_START = /(?:=>\s*|\bfunction\b[^{]*)\{\s*$/;

/**
 * Express sends a string as HTML unless the handler set another type. When the type is set in a statement of
 * its own before `res.send`, the lines of the handler before the send say so.
 */
function sentAsText(flow: TaintFlow, model: ProjectModel): boolean {
  if (!/\.(?:send|write|end)$/.test(flow.sink.label)) return false;
  const file = model.fileByPath.get(flow.sink.file);
  if (!file) return false;
  const lines = file.text.split(/\r?\n/);
  const end = flow.sink.range.startLine;
  for (let line = end; line >= Math.max(1, end - 30); line--) {
    const text = lines[line - 1] ?? '';
    if (NOT_HTML_TYPE.test(text)) return true;
    if (line < end && FUNCTION_START.test(text)) return false;
  }
  return false;
}

export const xss = defineTaintRule({ id: 'xss', sink: 'xss', messageIds: ['request', 'message', 'llm', 'browser'], skip: sentAsText });
