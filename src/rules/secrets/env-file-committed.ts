import { isEnvTemplate } from '../../classify/language.js';
import { defineTextRule } from '../../engine/rule.js';
import type { SourceFile } from '../../model/types.js';
import { lineOf, rawSecretsOf, reportableSecretsOf } from './file-secrets.js';
import { isSecretName } from './names.js';
import { isKnownPublicValue, isPlaceholderValue, looksRandom } from './values.js';

/** Local defaults nobody treats as a secret (docker-compose databases, demo logins). */
const WEAK_DEFAULTS = new Set(['postgres', 'root', 'admin', 'mysql', 'mongo', 'redis', 'dev', 'local', 'demo', 'guest', 'user', 'development', 'localhost']);

/** Values typed for local development: `development-secret-change-in-production`, `local_dev_password`. */
const DEV_MARKERS = /(?:^|[^a-z])(?:dev|development|local|localhost|test|testing|example|sample|demo|change|default|dummy|insecure)(?:[^a-z]|$)/i;

/** `.env.development`, `.env.test`, `.env.ci`: committed on purpose with development values. */
function isDevEnvFile(path: string): boolean {
  return /(^|\/)\.env\.(?:dev|development|test|testing|ci|e2e)(?:\.|$)/i.test(path);
}

/** A value under a secret name that is real: not empty, not a placeholder, reference or public key, nor the name itself. */
function isRealValue(name: string, value: string, strict: boolean): boolean {
  const v = value.trim();
  if (v.length < 6 || isPlaceholderValue(v) || WEAK_DEFAULTS.has(v.toLowerCase()) || isKnownPublicValue(v)) return false;
  // `NEXTAUTH_SECRET="NEXTAUTH_SECRET"`: the name written where the value goes, to be filled in.
  if (v.replace(/^["'`]|["'`]$/g, '').toLowerCase() === name.toLowerCase()) return false;
  if (/^\$|^%|^\w+:\/\/[^:@]*$/.test(v)) return false; // references and URLs without credentials
  if (DEV_MARKERS.test(v)) return false;
  return strict ? looksRandom(v) : true;
}

/** `CLIPDROP_API`, `OPENAI_API`: a key named by its service alone. Counted only when the value looks random (not a URL). */
const KEY_WITHOUT_THE_WORD = /^[A-Z][A-Z0-9]*_API$/;

interface Found {
  name: string;
  line: number;
  value: string;
}

function secretsIn(file: SourceFile): Found[] {
  const provider = rawSecretsOf(file);
  const dev = isDevEnvFile(file.path);
  const found: Found[] = [];
  for (const e of file.env ?? []) {
    const start = e.valueOffset;
    const inProvider = provider.filter((m) => m.start >= start - 1 && m.start <= start + e.value.length + 1);
    if (inProvider.some((m) => !(dev && m.testMode))) {
      found.push({ name: e.name, line: e.line, value: e.value });
    } else if ((isSecretName(e.name) && isRealValue(e.name, e.value, dev)) || (KEY_WITHOUT_THE_WORD.test(e.name) && isRealValue(e.name, e.value, true))) {
      found.push({ name: e.name, line: e.line, value: e.value });
    }
  }
  return found;
}

function plural(n: number): string {
  return n === 1 ? '1 real secret' : `${n} real secrets`;
}

/**
 * A `.env` file that reached the scan is not ignored by git, so it is committed with the code. Reported once
 * per file, on the first secret line that `hardcoded-secret` does not already report (a line holding a
 * provider-format key gets that rule's finding, never two), else on the first line free of such findings.
 */
export const envFileCommitted = defineTextRule({
  id: 'env-file-committed',
  messageIds: ['committed'],
  appliesTo: { languages: ['env'] },
  check({ file, report }) {
    if (isEnvTemplate(file.path) || !file.env) return;
    const found = secretsIn(file);
    if (found.length === 0) return;
    const taken = new Set(reportableSecretsOf(file).map((s) => lineOf(file, s.start)));
    let line = found.find((f) => !taken.has(f.line))?.line;
    if (line === undefined) {
      // The empty "line" after a final newline is not a place to point at.
      const lastLine = file.text.endsWith('\n') ? file.lineStarts.length - 1 : file.lineStarts.length;
      for (let l = 1; l <= lastLine; l++) {
        if (!taken.has(l)) {
          line = l;
          break;
        }
      }
    }
    if (line === undefined) return;
    const names = found.slice(0, 4).map((f) => `\`${f.name}\``).join(', ') + (found.length > 4 ? ', …' : '');
    const lineEnd = (file.lineStarts[line] ?? file.text.length + 1) - 1;
    const lineLength = Math.max(0, file.text.slice(file.lineStarts[line - 1], lineEnd).replace(/\r$/, '').length);
    report({
      messageId: 'committed',
      data: { file: file.path, count: plural(found.length), names },
      range: { startLine: line, startColumn: 1, endLine: line, endColumn: lineLength + 1 },
      secrets: found.map((f) => f.value),
    });
  },
});
