import { defineTextRule } from '../../engine/rule.js';
import type { SecretMatch } from './detectors.js';
import { firstLineSpan, likelySource, redactionParts, reportableSecretsOf } from './file-secrets.js';

/** "Stripe live secret key", "RSA private key", "PostgreSQL password in a connection URL". */
export function credentialName(m: SecretMatch): string {
  if (m.detectorId === 'private-key') return m.label.charAt(0).toUpperCase() + m.label.slice(1);
  return `${m.provider} ${m.label}`;
}

/**
 * A credential in a provider's real format, in any text file: source, config, env, Dockerfile, build output.
 * In build output the message names the env variable or file the value most likely came from.
 */
export const hardcodedSecret = defineTextRule({
  id: 'hardcoded-secret',
  messageIds: ['hardcoded', 'inBuildOutput', 'inBuildOutputUnknownSource'],
  check({ file, model, report }) {
    for (const s of reportableSecretsOf(file)) {
      const base = { offsets: firstLineSpan(file.text, s.start, s.end), secrets: redactionParts(s.value), severity: s.severity, confidence: s.confidence };
      const data = { credential: credentialName(s), file: file.path };
      if (file.role !== 'build-output') {
        report({ messageId: 'hardcoded', data, ...base });
        continue;
      }
      const source = likelySource(model, file, s.value);
      if (source) report({ messageId: 'inBuildOutput', data: { ...data, source }, ...base });
      else report({ messageId: 'inBuildOutputUnknownSource', data, ...base });
    }
  },
});
