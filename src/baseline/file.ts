import { readFileSync } from 'node:fs';
import { ConfigError, describeFsError } from '../config/errors.js';
import type { Finding } from '../engine/finding.js';
import type { KnownFinding, ScanResult } from '../engine/result.js';

export const BASELINE_FILE = '.vibeaudit-baseline.json';
const FINGERPRINT = /^[\w.-]{1,128}$/;

/**
 * `.vibeaudit-baseline.json`: the findings a project has accepted for now. Only fingerprints, rule ids and
 * paths: never messages or snippets, which could hold part of a secret.
 */
export interface BaselineFile {
  version: 1;
  tool: string;
  findings: KnownFinding[];
}

/** Unsuppressed findings of a scan as a baseline, in a stable order so the file diffs well in review. */
export function buildBaseline(result: ScanResult): BaselineFile {
  const findings = result.findings
    .filter((f: Finding) => !f.suppression)
    .map((f): KnownFinding => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file }))
    .sort((a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
  return { version: 1, tool: `${result.tool.name} ${result.tool.version}`, findings };
}

export function serializeBaseline(baseline: BaselineFile): string {
  const rows = baseline.findings.map((f) => `    ${JSON.stringify({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file })}`);
  const findings = rows.length ? `[\n${rows.join(',\n')}\n  ]` : '[]';
  return `{\n  "version": 1,\n  "tool": ${JSON.stringify(baseline.tool)},\n  "findings": ${findings}\n}\n`;
}

/** Read and check a baseline; anything wrong is a ConfigError naming the file (and line or key). */
export function readBaseline(path: string, shownAs: string): BaselineFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const hint = code === 'ENOENT' ? ' (create one with `vibeaudit baseline`)' : '';
    throw new ConfigError(`cannot read the baseline file (${describeFsError(err)})${hint}`, shownAs);
  }
  return parseBaseline(text, shownAs);
}

export function parseBaseline(text: string, shownAs: string): BaselineFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text, which could be anything (a .env passed by mistake): say where only.
    const offset = syntaxErrorOffset(text);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw new ConfigError(`the baseline file is not valid JSON (column ${column}); regenerate it with \`vibeaudit baseline\``, shownAs, line);
  }
  const bad = (key: string, what: string) => new ConfigError(`${what}; regenerate the file with \`vibeaudit baseline\``, shownAs, undefined, key);
  if (!isObject(data)) throw bad('(root)', 'a baseline file is a JSON object');
  if (data.version !== 1) throw bad('version', `unsupported baseline version ${JSON.stringify(data.version)} (expected 1)`);
  if (!Array.isArray(data.findings)) throw bad('findings', 'expected a list of findings');
  const findings = data.findings.map((entry: unknown, i): KnownFinding => {
    if (!isObject(entry)) throw bad(`findings[${i}]`, 'expected an object with fingerprint, ruleId and file');
    const { fingerprint, ruleId, file } = entry;
    if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) throw bad(`findings[${i}].fingerprint`, 'expected a fingerprint string');
    if (typeof ruleId !== 'string' || ruleId === '') throw bad(`findings[${i}].ruleId`, 'expected a rule id');
    if (typeof file !== 'string') throw bad(`findings[${i}].file`, 'expected a path');
    return { fingerprint, ruleId, file };
  });
  return { version: 1, tool: typeof data.tool === 'string' ? data.tool : '', findings };
}

/**
 * Where JSON.parse gave up, without relying on its version-dependent message: the longest prefix that is still
 * the start of a valid document (only "unexpected end" errors) ends there. Prefix viability is monotone, so
 * a binary search needs few parses.
 */
function syntaxErrorOffset(text: string): number {
  const viable = (n: number): boolean => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : '';
      const position = /at position (\d+)/.exec(message);
      return /end of JSON input/i.test(message) || (position !== null && Number(position[1]) >= n);
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (viable(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
