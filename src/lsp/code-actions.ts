import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { languageOf } from '../classify/language.js';
import { commentSyntaxOf, type CommentSyntax } from '../engine/comment-syntax.js';
import { SOURCE } from './diagnostics.js';
import { isJsxChildAt } from './jsx-context.js';

/** What the user replaces: a suppression must say why (the reason shows in reports and reviews). */
export const REASON_PLACEHOLDER = 'explain why this is safe';

/**
 * A quick fix per vibeaudit diagnostic: a `vibeaudit-ignore-next-line <rule> -- <reason>` comment on its own
 * line above the finding, indented like it, in the file's comment syntax. None for files without comments.
 */
export function suppressionActions(doc: TextDocument, path: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const language = languageOf(path);
  const syntax = commentSyntaxOf(path, language);
  if (!syntax) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') continue;
    const line = diagnostic.range.start.line;
    const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    const indent = /^[ \t]*/.exec(lineText)![0];
    const offset = doc.offsetAt({ line, character: indent.length });
    const jsx = syntax.start === '//' && isJsxChildAt(doc.getText(), language, path, offset);
    const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
    const comment = directive(jsx ? { start: '{/*', end: '*/}' } : syntax, diagnostic.code);
    actions.push({
      title: `Suppress ${diagnostic.code} on this line (vibeaudit-ignore-next-line)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [doc.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${comment}${eol}` }] } },
    });
  }
  return actions;
}

function directive(syntax: CommentSyntax, ruleId: string): string {
  const body = `${syntax.start} vibeaudit-ignore-next-line ${ruleId} -- ${REASON_PLACEHOLDER}`;
  return syntax.end ? `${body} ${syntax.end}` : body;
}
