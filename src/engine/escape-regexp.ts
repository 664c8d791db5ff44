/**
 * `text` as a regular expression that matches it literally. Every name taken from the scanned code, SQL, rules or a
 * workflow goes through it before it is put into a pattern: a quoted SQL table `"prof(iles"` or a workflow variable
 * `TOKEN(` made the rules that looked for it fail, and a name like `(a+)+$` would make one slow.
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
