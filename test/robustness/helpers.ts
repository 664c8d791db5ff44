import { defaultConfig } from '../../src/config/types.js';
import type { Notification } from '../../src/engine/finding.js';
import type { ScanResult } from '../../src/engine/result.js';
import { scanDirectory } from '../../src/engine/scan.js';

/** mulberry32: the same seed gives the same bytes on every run and machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` random bytes; with `noNul` the bytes avoid 0 so the file is read as (broken) text, not binary. */
export function randomBytes(seed: number, length: number, noNul = false): Uint8Array {
  const next = prng(seed);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = noNul ? 1 + Math.floor(next() * 255) : Math.floor(next() * 256);
  return out;
}

export const scanDir = (root: string): Promise<ScanResult> => scanDirectory(root, { config: defaultConfig(), offline: true });

/** Notifications that mean vibeaudit itself failed (a rule, data flow or route pass threw). */
export function bugs(result: ScanResult): Notification[] {
  return result.notifications.filter((n) => n.kind === 'rule-error');
}

export function findingsIn(result: ScanResult, file: string): string[] {
  return result.findings.filter((f) => f.file === file).map((f) => `${f.range.startLine} ${f.ruleId}`);
}

export function noticesFor(result: ScanResult, file: string): string[] {
  return result.notifications.filter((n) => n.file === file).map((n) => n.kind);
}
