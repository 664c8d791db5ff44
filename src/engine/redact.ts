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
