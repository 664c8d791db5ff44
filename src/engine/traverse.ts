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
    for (const key in listeners) {
      const fn = listeners[key];
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
 * Iterative, so deeply nested generated code cannot overflow the stack. Nothing is allocated per node: the
 * stack holds nodes with a parallel flag for "leaving", and children are pushed in reverse source order.
 */
export function traverse(ast: Program, listeners: MergedListeners): void {
  const { enter, exit } = listeners;
  const nodes: AstNode[] = [ast];
  const leaving: boolean[] = [false];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    if (leaving.pop()) {
      const fns = exit.get(node.type);
      if (fns) for (const fn of fns) fn(node);
      continue;
    }
    const fns = enter.get(node.type);
    if (fns) for (const fn of fns) fn(node);
    nodes.push(node);
    leaving.push(true);
    const keys = visitorKeys[node.type];
    if (!keys) continue;
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k]];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) if (isNode(value[i])) push(value[i], node);
      } else if (isNode(value)) push(value, node);
    }
  }
  function push(child: AstNode, parent: AstNode): void {
    (child as { parent?: AstNode }).parent = parent;
    nodes.push(child);
    leaving.push(false);
  }
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
