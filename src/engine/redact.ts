/**
 * Redaction happens when a finding is created, so no later stage (reporter, log, cache) can leak a secret.
 * We keep a short, recognisable prefix (enough to tell `sk_live_` from `pk_live_`) and never more than a
 * quarter of the value.
 */
export function redactSecret(value: string): string {
  if (value.length <= 8) return '*'.repeat(Math.max(4, value.length));
  const shown = Math.min(8, Math.floor(value.length / 4));
  return `${value.slice(0, shown)}${'*'.repeat(8)}`;
}

/** Replace every occurrence of each secret in `text` with its redacted form. Longest secrets first. */
export function redactAll(text: string, secrets: readonly string[]): string {
  let out = text;
  const sorted = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  for (const s of sorted) {
    if (out.includes(s)) out = out.split(s).join(redactSecret(s));
  }
  return out;
}

/**
 * Redact a line and move a 0-based column along with it: redaction shortens the text, so a column measured in
 * the raw line would point past what it marked.
 */
export function redactLineKeepingColumn(line: string, secrets: readonly string[], column: number): { text: string; column: number } {
  const spans: { start: number; end: number; value: string }[] = [];
  const sorted = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  for (const s of sorted) {
    for (let i = line.indexOf(s); i !== -1; i = line.indexOf(s, i + s.length)) {
      if (!spans.some((p) => i < p.end && i + s.length > p.start)) spans.push({ start: i, end: i + s.length, value: s });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  let text = '';
  let at = 0;
  let mapped = column;
  for (const span of spans) {
    text += line.slice(at, span.start);
    const replacement = redactSecret(span.value);
    if (span.end <= column) mapped -= span.value.length - replacement.length;
    else if (span.start < column) mapped = text.length;
    text += replacement;
    at = span.end;
  }
  text += line.slice(at);
  return { text, column: Math.max(0, mapped) };
}
