import type { Language } from '../classify/types.js';
import { parseScript } from '../parse/javascript.js';
import { nestingBeyond } from '../parse/nesting.js';

type Node = { type: string; range: [number, number]; children?: unknown[] } & Record<string, unknown>;

/**
 * Whether `offset` (the first character of a line) sits among a JSX element's children, where a comment must
 * be written `{/* … *\/}`; elsewhere in a JSX file (code, attribute lists) `//` is right. Unparsable text
 * answers false: a `//` comment is the safer guess.
 */
export function isJsxChildAt(text: string, language: Language, path: string, offset: number): boolean {
  if (language !== 'tsx' && language !== 'jsx' && language !== 'js') return false;
  if (nestingBeyond(text)) return false;
  const { ast } = parseScript(text, language, path);
  if (!ast) return false;
  let node = ast as unknown as Node;
  for (;;) {
    const child = childContaining(node, offset);
    if (!child) return false;
    const isJsxParent = node.type === 'JSXElement' || node.type === 'JSXFragment';
    // A child of an element: text, a nested element or `{expression}` starting on this line.
    if (isJsxParent && node.children?.includes(child) && (child.type === 'JSXText' || child.range[0] === offset)) return true;
    node = child;
  }
}

function childContaining(node: Node, offset: number): Node | undefined {
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range' || key === 'comments' || key === 'tokens') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isNode(item) && item.range[0] <= offset && offset < item.range[1]) return item;
    }
  }
  return undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && Array.isArray((value as { range?: unknown }).range);
}
