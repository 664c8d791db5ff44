/**
 * Split code written as text on a separator (`,`, `&&`, `||`, `+`) where it is outside brackets and strings:
 * `f(a, b) && c` on `&&` is `f(a, b)` and `c`. Used on Firebase rules conditions and on JavaScript expressions
 * kept as text.
 */
export function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && text.startsWith(sep, i)) {
      parts.push(text.slice(last, i));
      last = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(text.slice(last));
  return parts.map((p) => p.trim());
}
