import { rtdbTestModeExpiry, testModeExpiry } from '../../firebase/conditions.js';
import { defineTextRule } from '../../engine/rule.js';
import { actionWords, allAllows, displayPath, rtdbDisplayPath } from './firebase-paths.js';

/**
 * The console's test-mode rules: `allow read, write: if request.time < timestamp.date(2024, 8, 1);` and
 * RTDB `".read": "now < 1719792000000"`. Open to everyone until the date, broken after it. The message never
 * depends on today's date, so a scan gives the same result every day.
 */
export const firebaseRulesTestMode = defineTextRule({
  id: 'firebase-rules-test-mode',
  messageIds: ['testMode', 'rtdbTestMode'],
  appliesTo: { roles: ['config'] },
  check({ file, report }) {
    if (file.securityRules) {
      for (const allow of allAllows(file.securityRules)) {
        const date = testModeExpiry(allow.condition);
        if (!date) continue;
        report({
          messageId: 'testMode',
          data: { methods: allow.methods.join(', '), path: displayPath(allow.match), action: actionWords(allow), date },
          offsets: { start: allow.start, end: allow.end },
        });
      }
    }
    if (file.rtdbRules) {
      for (const rule of file.rtdbRules.rules) {
        if ((rule.kind !== '.read' && rule.kind !== '.write') || typeof rule.value !== 'string') continue;
        const date = rtdbTestModeExpiry(rule.value);
        if (!date) continue;
        report({
          messageId: 'rtdbTestMode',
          data: { kind: rule.kind, path: rtdbDisplayPath(rule.path), action: rule.kind === '.write' ? 'change or delete' : 'read', date },
          offsets: { start: rule.start, end: rule.end },
        });
      }
    }
  },
});
