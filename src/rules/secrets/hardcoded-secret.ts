import type { Severity } from '../../engine/finding.js';
import { defineTextRule } from '../../engine/rule.js';
import type { SecretMatch } from './detectors.js';
import { firstLineSpan, likelySource, redactionParts, reportableSecretsOf } from './file-secrets.js';

/** "Stripe live secret key", "RSA private key", "PostgreSQL password in a connection URL". */
export function credentialName(m: SecretMatch): string {
  if (m.detectorId === 'private-key') return m.label.charAt(0).toUpperCase() + m.label.slice(1);
  return `${m.provider} ${m.label}`;
}

/** Build output is downloaded by every visitor: one step more severe than the same key in the repository. */
function shippedSeverity(s: Severity): Severity {
  return s === 'medium' ? 'high' : 'critical';
}

/**
 * A credential in a provider's real format, in any text file: source, config, env, Dockerfile, build output.
 * In build output the message names the env variable or file the value most likely came from.
 */
export const hardcodedSecret = defineTextRule({
  id: 'hardcoded-secret',
  messageIds: ['hardcoded', 'inBuildOutput', 'inBuildOutputUnknownSource'],
  check({ file, model, report }) {
    const inBuild = file.role === 'build-output';
    for (const s of reportableSecretsOf(file)) {
      const data = { credential: credentialName(s), file: file.path };
      const base = {
        offsets: firstLineSpan(file.text, s.start, s.end),
        secrets: redactionParts(s.value),
        severity: inBuild ? shippedSeverity(s.severity) : s.severity,
        confidence: s.confidence,
      };
      if (!inBuild) {
        report({ messageId: 'hardcoded', data, ...base });
        continue;
      }
      const source = likelySource(model, file, s.value);
      if (source) report({ messageId: 'inBuildOutput', data: { ...data, source }, ...base });
      else report({ messageId: 'inBuildOutputUnknownSource', data, ...base });
    }
  },
});
