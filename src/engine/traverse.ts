import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { AstNode, Program } from '../parse/types.js';

export type Visitor = (node: AstNode) => void;

export interface MergedListeners {
  enter: Map<string, Visitor[]>;
  exit: Map<string, Visitor[]>;
}

export function mergeListeners(list: readonly Record<string, Visitor | undefined>[]): MergedListeners {
  const enter = new Map<string, Visitor[]>();
  const exit = new Map<string, Visitor[]>();
  for (const listeners of list) {
    for (const [key, fn] of Object.entries(listeners)) {
      if (!fn) continue;
      const isExit = key.endsWith(':exit');
      const map = isExit ? exit : enter;
      const type = isExit ? key.slice(0, -5) : key;
      const arr = map.get(type) ?? [];
      arr.push(fn);
      map.set(type, arr);
    }
  }
  return { enter, exit };
}

/**
 * The one traversal per file. Sets `parent` on each node before its visitors run, so rules can look up.
 * Iterative, so deeply nested generated code cannot overflow the stack.
 */
export function traverse(ast: Program, listeners: MergedListeners): void {
  const stack: { node: AstNode; exiting: boolean }[] = [{ node: ast, exiting: false }];
  while (stack.length > 0) {
    const { node, exiting } = stack.pop()!;
    if (exiting) {
      const fns = listeners.exit.get(node.type);
      if (fns) for (const fn of fns) fn(node);
      continue;
    }
    const fns = listeners.enter.get(node.type);
    if (fns) for (const fn of fns) fn(node);
    stack.push({ node, exiting: true });
    const keys = visitorKeys[node.type] ?? [];
    const children: AstNode[] = [];
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) children.push(child);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) {
      (children[i] as { parent?: AstNode }).parent = node;
      stack.push({ node: children[i], exiting: false });
    }
  }
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
