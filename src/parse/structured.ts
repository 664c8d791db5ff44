import { LineCounter, parseDocument, type Document } from 'yaml';
import { bracketsBeyond, tooDeep, yamlBeyond } from './data-nesting.js';
import type { ParseError } from './types.js';

export function parseYaml(text: string): { doc?: Document; error?: ParseError } {
  const deep = yamlBeyond(text);
  if (deep) return { error: tooDeep(deep) };
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, lineCounter: lines });
  const first = doc.errors[0];
  if (first) {
    const pos = lines.linePos(first.pos[0]);
    return { doc, error: { message: first.message.split('\n')[0], line: pos.line, column: pos.col } };
  }
  return { doc };
}

/** JSON, tolerating comments and trailing commas as tsconfig-style files have them. */
export function parseJson(text: string): { value?: unknown; error?: ParseError } {
  // JSON.parse itself does not recurse, but whatever walks the value does (see data-nesting.ts).
  const deep = bracketsBeyond(text, { slashComments: true });
  if (deep) return { error: tooDeep(deep) };
  try {
    return { value: JSON.parse(text) };
  } catch {
    try {
      const relaxed = text.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, str) => str ?? '').replace(/,(\s*[}\]])/g, '$1');
      return { value: JSON.parse(relaxed) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const pos = /position (\d+)/.exec(message);
      const offset = pos ? Number(pos[1]) : 0;
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      return { error: { message, line, column: offset - before.lastIndexOf('\n') } };
    }
  }
}
