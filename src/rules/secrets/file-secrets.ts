/**
 * Per-file view of provider secrets, shared by the secrets rules: the text is scanned once per file, and
 * every rule agrees on which values `hardcoded-secret` reports (so the others can stay off those spots).
 */
import { isEnvTemplate } from '../../classify/language.js';
import { LOCKFILES } from '../../discover/excludes.js';
import { offsetToPosition } from '../../engine/make-finding.js';
import type { Confidence } from '../../engine/finding.js';
import { allFiles } from '../../model/facts.js';
import type { ProjectModel, SourceFile } from '../../model/types.js';
import { scanForSecrets, type SecretMatch } from './detectors.js';

const rawCache = new WeakMap<SourceFile, SecretMatch[]>();

/** Every provider-format secret in the file's text (placeholders already dropped), scanned once per file. */
export function rawSecretsOf(file: SourceFile): SecretMatch[] {
  let found = rawCache.get(file);
  if (!found) {
    found = isLockfile(file.path) ? [] : scanForSecrets(file.text);
    rawCache.set(file, found);
  }
  return found;
}

export function isLockfile(path: string): boolean {
  return LOCKFILES.has(path.slice(path.lastIndexOf('/') + 1));
}

/** Documentation: README, guides. Test-mode keys there are examples. */
export function isDocFile(path: string): boolean {
  return /\.(md|mdx|markdown|txt|rst|adoc)$/i.test(path);
}

export interface ReportableSecret extends SecretMatch {
  confidence: Confidence;
}

/**
 * The provider secrets `hardcoded-secret` reports in a file. Test-mode keys (Stripe `sk_test_`, sandbox tokens)
 * are expected in tests and docs and left out there; anything else found in a test file is reported with low
 * confidence, since fixtures often hold realistic fakes.
 */
export function reportableSecretsOf(file: SourceFile): ReportableSecret[] {
  const relaxed = file.role === 'test' || isDocFile(file.path);
  const out: ReportableSecret[] = [];
  for (const m of rawSecretsOf(file)) {
    if (m.testMode && relaxed) continue;
    out.push({ ...m, confidence: file.role === 'test' ? 'low' : isDocFile(file.path) ? 'medium' : 'high' });
  }
  return out;
}

export function overlapsRaw(file: SourceFile, start: number, end: number): boolean {
  return rawSecretsOf(file).some((m) => start < m.end && m.start < end);
}

/** 1-based line of an offset. */
export function lineOf(file: SourceFile, offset: number): number {
  return offsetToPosition(file, offset).line;
}

/** Offsets of a secret clipped to its first line, so a multi-line private key shows only its header line. */
export function firstLineSpan(text: string, start: number, end: number): { start: number; end: number } {
  const newline = text.indexOf('\n', start);
  return { start, end: newline === -1 || newline >= end ? end : Math.max(start + 1, newline) };
}

/** The value and its lines (for PEM blocks), so no line of a secret can appear in a snippet. */
export function redactionParts(value: string): string[] {
  const parts = value
    .split(/\\[nr]|\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 12 && !p.startsWith('-----'));
  return [value, ...parts];
}

/**
 * Where a secret found in build output most likely came from: the env variable holding the same value (env
 * files, non-templates first), else a source file containing it. Bundlers inline values, so an exact match
 * is strong evidence.
 */
export function likelySource(model: ProjectModel, file: SourceFile, value: string): string | undefined {
  const files = allFiles(model);
  const envFiles = files
    .filter((f) => f !== file && f.language === 'env' && f.env && !f.buildOutput)
    .sort((a, b) => Number(isEnvTemplate(a.path)) - Number(isEnvTemplate(b.path)) || a.path.localeCompare(b.path));
  for (const f of envFiles) {
    // The entries are parsed from the text: reading it makes the asking file's kept results depend on it.
    void f.text;
    for (const e of f.env!) {
      if (e.value === value || (value.length >= 8 && e.value.includes(value))) return `\`${e.name}\` in \`${f.path}\``;
    }
  }
  for (const f of files) {
    if (f === file || f.buildOutput || f.role === 'build-output' || f.language === 'env') continue;
    if (f.text.includes(value)) return `\`${f.path}\``;
  }
  return undefined;
}
