import type { TSESTree } from '@typescript-eslint/typescript-estree';

export type AstNode = TSESTree.Node;
export type Program = TSESTree.Program;

/** What reads JS/TS: oxc (native, the default) or typescript-estree (the reference the AST contract comes from). */
export const SCRIPT_PARSERS = ['oxc', 'typescript-estree'] as const;
export type ScriptParser = (typeof SCRIPT_PARSERS)[number];
export const DEFAULT_SCRIPT_PARSER: ScriptParser = 'oxc';

export interface ParseError {
  message: string;
  line: number;
  column: number;
  /** SQL read statement by statement after the whole file failed: how many statements were read (the rest skipped). */
  recovered?: number;
}
