import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ProjectModel, SourceFile } from '../model/types.js';
import type { AstNode } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { isFunction, walk, type FunctionNode } from './ast.js';
import type { FileRouteFacts, FunctionFacts } from './types.js';

/**
 * Top-level functions are read for auth, roles and what they touch only when linking asks for one (a handler, a
 * middleware, a helper a handler calls): on ghost linking asked for 27 of 1,359, and reading them all was a tenth
 * of the scan. Until then a function is kept as where it is in its file (`FileRouteFacts.unread`), and the
 * file is parsed again to read it.
 */

/** Reads unread functions: from the AST in memory while the file is analysed, else from the file parsed again. */
export interface FunctionSource {
  read(file: string, name: string, span: readonly [number, number]): FunctionFacts | undefined;
}

/** Reads functions of the file whose AST is in memory. */
export function inMemory(ast: TSESTree.Program, text: string): FunctionSource {
  return { read: (file, name, span) => readAt(ast, text, file, name, span) };
}

function readAt(ast: TSESTree.Program, text: string, file: string, name: string, span: readonly [number, number]): FunctionFacts | undefined {
  const node = functionAt(ast, span);
  return node && analyzeFunction(node, text, file, name);
}

/** Keep `fn` to be read when asked for, as the top-level function `name` (a later one of the same name replaces it). */
export function deferFunction(facts: FileRouteFacts, name: string, fn: FunctionNode): void {
  facts.functions.delete(name);
  (facts.unread ??= new Map()).set(name, [fn.range[0], fn.range[1]]);
}

/** Set the facts of a top-level function read now (it replaces an unread one of the same name). */
export function setFunction(facts: FileRouteFacts, name: string, fn: FunctionFacts): void {
  facts.unread?.delete(name);
  facts.functions.set(name, fn);
}

/** Whether the file has a top-level function of this name, read or not. */
export function hasFunction(facts: FileRouteFacts, name: string): boolean {
  return facts.functions.has(name) || !!facts.unread?.has(name);
}

/**
 * The facts of a top-level function, read now if they were not yet. What is read is not added to `facts`: they are
 * also what the file's record holds, which must be what analysing the file gives, whether linking ran or not.
 */
export function functionFacts(facts: FileRouteFacts, name: string, source: FunctionSource): FunctionFacts | undefined {
  const span = facts.unread?.get(name);
  return span ? source.read(facts.file, name, span) : facts.functions.get(name);
}

/** The function node at exactly `span` (the same parser gives the same offsets for the same text). */
function functionAt(ast: TSESTree.Program, [start, end]: readonly [number, number]): FunctionNode | undefined {
  let found: FunctionNode | undefined;
  walk(ast as AstNode, (node) => {
    // Only nodes that hold the span can hold the function.
    if (found || node.range[0] > start || node.range[1] < end) return false;
    if (node.range[0] === start && node.range[1] === end && isFunction(node)) {
      found = node as FunctionNode;
      return false;
    }
  });
  return found;
}

/** ASTs held while linking: it reads the functions of one file mostly together, and a monorepo's could be many. */
const HELD_ASTS = 16;

/** Functions read while linking: each read once, from its file parsed again (kept for the next few reads). */
export class ReparsedFunctions implements FunctionSource {
  private readonly parsed = new Map<string, { ast: TSESTree.Program; text: string } | undefined>();
  private readonly read_ = new Map<string, FunctionFacts | undefined>();

  constructor(
    private readonly model: ProjectModel,
    private readonly parse: (file: SourceFile) => void,
  ) {}

  read(file: string, name: string, span: readonly [number, number]): FunctionFacts | undefined {
    const key = `${file}\0${name}`;
    if (this.read_.has(key)) return this.read_.get(key);
    const parsed = this.astOf(file);
    const read = parsed && readAt(parsed.ast, parsed.text, file, name, span);
    this.read_.set(key, read);
    return read;
  }

  private astOf(path: string): { ast: TSESTree.Program; text: string } | undefined {
    if (this.parsed.has(path)) {
      // The most recently used last.
      const held = this.parsed.get(path);
      this.parsed.delete(path);
      this.parsed.set(path, held);
      return held;
    }
    if (this.parsed.size >= HELD_ASTS) this.parsed.delete(this.parsed.keys().next().value!);
    const file = this.model.fileByPath.get(path);
    let found: { ast: TSESTree.Program; text: string } | undefined;
    if (file) {
      const had = file.ast;
      if (!had && !file.parseError) this.parse(file);
      found = file.ast ? { ast: file.ast, text: file.text } : undefined;
      // Dropped from the file again (memory stays flat), held here for the next few reads.
      file.ast = had;
    }
    this.parsed.set(path, found);
    return found;
  }
}
