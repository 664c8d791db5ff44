/**
 * A value worked out once per AST node and kept on the node itself (under a symbol), so it lives exactly as long
 * as the file's AST. A module-level WeakMap keyed by nodes did the same but, as a long-lived table pointing at
 * young nodes, kept every AST it touched alive through the young-generation collections: half the ASTs of a
 * 4,000-file scan were promoted to the old generation before dying (bench/README.md, third round).
 */
export interface NodeMemo<K extends object, V> {
  get(node: K): V | undefined;
  set(node: K, value: V): V;
}

export function nodeMemo<K extends object, V>(name: string): NodeMemo<K, V> {
  const key = Symbol(name);
  return {
    get: (node) => (node as Record<symbol, V | undefined>)[key],
    set: (node, value) => ((node as Record<symbol, V>)[key] = value),
  };
}
