/**
 * Every upper/lower-case spelling of a word (`.json` → `.json`, `.JSON`, `.Json`, … 16 in all), for the
 * triggers of a rule that matches the word case-insensitively: a trigger is a case-sensitive `includes`, and
 * listing only the usual spellings would silently skip files that write `Select` or `.JSON`.
 */
export function anyCase(word: string): string[] {
  let out = [''];
  for (const ch of word) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    out = lower === upper ? out.map((s) => s + ch) : out.flatMap((s) => [s + lower, s + upper]);
  }
  return out;
}
