import type { TSESTree } from '@typescript-eslint/typescript-estree';

export type AstNode = TSESTree.Node;
export type Program = TSESTree.Program;

export interface ParseError {
  message: string;
  line: number;
  column: number;
}
