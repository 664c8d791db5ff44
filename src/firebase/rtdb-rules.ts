/**
 * Realtime Database rules (`database.rules.json`): `{ "rules": { "users": { "$uid": { ".read": "…" } } } }`.
 * Read with positions, since the standard JSON parser forgets where a key was. Firebase accepts comments in
 * this file, so they are skipped.
 */
export interface RtdbRule {
  /** `.read`, `.write`, `.validate`, `.indexOn`. */
  kind: string;
  /** Path of keys below `rules`: `['users', '$uid']`. */
  path: string[];
  /** `true`, `false`, or the expression string. */
  value: boolean | string | undefined;
  line: number;
  column: number;
  start: number;
  end: number;
}

export interface RtdbRules {
  rules: RtdbRule[];
  error?: { message: string; line: number; column: number };
}

/**
 * A Realtime Database rules file: JSON whose top level is `{ "rules": { … } }` with `.read` or `.write` inside
 * (the name varies: `database.rules.json`, `rules/database.json`, `database-rules.prod.json`).
 */
export function looksLikeRtdbRules(path: string, text: string, json: unknown): boolean {
  if (!path.toLowerCase().endsWith('.json') || !(text.includes('".read"') || text.includes('".write"'))) return false;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return /"rules"\s*:/.test(text);
  const rules = (json as Record<string, unknown>).rules;
  return typeof rules === 'object' && rules !== null && !Array.isArray(rules);
}

type Json = { kind: 'object'; entries: { key: string; keyStart: number; value: Json }[] } | { kind: 'value'; value: unknown; start: number; end: number };

export function parseRtdbRules(text: string): RtdbRules {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
    return { line: line + 1, column: offset - lineStarts[line] + 1 };
  };
  let pos = 0;
  const fail = (message: string): never => {
    throw Object.assign(new Error(message), { at: pos });
  };
  const skip = () => {
    for (;;) {
      while (pos < text.length && /\s/.test(text[pos])) pos++;
      if (text.startsWith('//', pos)) {
        const nl = text.indexOf('\n', pos);
        pos = nl === -1 ? text.length : nl;
      } else if (text.startsWith('/*', pos)) {
        const close = text.indexOf('*/', pos + 2);
        pos = close === -1 ? text.length : close + 2;
      } else return;
    }
  };
  const string = (): string => {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    if (pos >= text.length) fail('unterminated string');
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const value = (): Json => {
    skip();
    const c = text[pos];
    const start = pos;
    if (c === '{') {
      pos++;
      const entries: { key: string; keyStart: number; value: Json }[] = [];
      for (;;) {
        skip();
        if (text[pos] === '}') {
          pos++;
          return { kind: 'object', entries };
        }
        if (text[pos] !== '"') fail('expected a quoted key');
        const keyStart = pos;
        const key = string();
        skip();
        if (text[pos] !== ':') fail('expected `:`');
        pos++;
        entries.push({ key, keyStart, value: value() });
        skip();
        if (text[pos] === ',') pos++;
        else if (text[pos] !== '}') fail('expected `,` or `}`');
      }
    }
    if (c === '[') {
      pos++;
      const items: unknown[] = [];
      for (;;) {
        skip();
        if (text[pos] === ']') {
          pos++;
          return { kind: 'value', value: items, start, end: pos };
        }
        items.push(value());
        skip();
        if (text[pos] === ',') pos++;
        else if (text[pos] !== ']') fail('expected `,` or `]`');
      }
    }
    if (c === '"') return { kind: 'value', value: string(), start, end: pos };
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(pos, pos + 40));
    if (!m) fail(c === undefined ? 'unexpected end of file' : `unexpected \`${c}\``);
    pos += m![0].length;
    return { kind: 'value', value: JSON.parse(m![0]), start, end: pos };
  };

  let root: Json;
  try {
    root = value();
  } catch (err) {
    const at = (err as { at?: number }).at ?? 0;
    return { rules: [], error: { message: (err as Error).message, ...lineOf(at) } };
  }
  const rules: RtdbRule[] = [];
  const walk = (node: Json, path: string[]) => {
    if (node.kind !== 'object') return;
    for (const entry of node.entries) {
      if (entry.key.startsWith('.')) {
        const v = entry.value.kind === 'value' ? entry.value.value : undefined;
        const end = entry.value.kind === 'value' ? entry.value.end : entry.keyStart + entry.key.length + 2;
        rules.push({
          kind: entry.key,
          path,
          value: typeof v === 'boolean' || typeof v === 'string' ? v : undefined,
          ...lineOf(entry.keyStart),
          start: entry.keyStart,
          end,
        });
      } else walk(entry.value, [...path, entry.key]);
    }
  };
  const top = root.kind === 'object' ? root.entries.find((e) => e.key === 'rules') : undefined;
  if (!top) return { rules: [], error: { message: 'no top-level `rules` object', line: 1, column: 1 } };
  walk(top.value, []);
  return { rules };
}
