import { hash } from 'node:crypto';

export interface FingerprintInput {
  ruleId: string;
  file: string;
  /** Redacted snippet; whitespace is dropped so reformatting does not change the fingerprint. */
  snippet: string;
  symbol?: string;
}

export function fingerprintKey(input: FingerprintInput): string {
  return [input.ruleId, input.file, input.snippet.replace(/\s+/g, ''), input.symbol ?? ''].join('\u0000');
}

/** A line-free fingerprint: the same key seen again in the same file gets the next occurrence index. */
export function fingerprintOf(key: string, occurrence: number): string {
  return hash('sha256', `${key}\u0000${occurrence}`, 'hex').slice(0, 32);
}
