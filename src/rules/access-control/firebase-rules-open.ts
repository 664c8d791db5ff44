import { expandCondition, isAlwaysTrue, OWNER_FIELD_CHECK, rtdbTestModeExpiry, signedOutOnly } from '../../firebase/conditions.js';
import { defineTextRule } from '../../engine/rule.js';
import type { MatchBlock } from '../../firebase/types.js';
import { actionWords, allAllows, displayPath, pathKind, rtdbDisplayPath, rtdbPathKind, writes } from './firebase-paths.js';

/**
 * `allow read, write: if true;`, `allow read, write;` and RTDB `".write": true`: no sign-in needed.
 * Read-only access to content that is public by its name (`products`, `posts`) is not reported, nor to documents
 * their authors publish: a collection of any name whose changes only the document's author may make
 * (`resource.data.authorId == request.auth.uid`), as a community app's prayers or meditations, or that clients may
 * not change at all (`allow write: if false`).
 */


/**
 * A match block whose writes only the document's author may make, or that turns every client write away in so many
 * words (`allow write: if false`: the server publishes it, as a café's menu or a game's leaderboard).
 */
function authoredContent(match: MatchBlock): boolean {
  const changes = match.allows.filter((a) => a.methods.some((m) => m === 'write' || m === 'update' || m === 'delete'));
  return changes.length > 0 && changes.every((a) => a.condition?.trim() === 'false' || OWNER_FIELD_CHECK.test(a.condition ?? ''));
}
export const firebaseRulesOpen = defineTextRule({
  id: 'firebase-rules-open',
  messageIds: ['open', 'openRead', 'openGet', 'rtdbOpen'],
  appliesTo: { roles: ['config'] },
  check({ file, report }) {
    if (file.securityRules) {
      for (const allow of allAllows(file.securityRules)) {
        // Only for callers who are not signed in: anyone is one, by not signing in.
        const signedOut = !isAlwaysTrue(allow.condition) && signedOutOnly(expandCondition(allow.condition!, allow.match, file.securityRules.functions));
        if (!isAlwaysTrue(allow.condition) && !signedOut) continue;
        const kind = pathKind(allow.match);
        const write = writes(allow);
        if (!write && (kind === 'public' || (kind === 'unknown' && authoredContent(allow.match)))) continue;
        const data = {
          methods: allow.methods.join(', '),
          path: displayPath(allow.match),
          how: allow.condition === undefined ? 'allowed without a condition' : signedOut ? `allowed to callers who are not signed in (\`if ${allow.condition}\`), which anyone can be` : `allowed \`if ${allow.condition}\``,
          action: actionWords(allow),
          scope: signedOut ? 'the documents under it, as far as the rest of the condition allows' : kind === 'everything' ? 'every document and file it covers' : 'everything under it',
        };
        // Firestore `get` without `list`: a document is readable only by whoever has its id, nobody can list them.
        if (!write && kind !== 'everything' && allow.methods.every((m) => m === 'get') && /firestore/.test(file.securityRules.service ?? '')) {
          report({ messageId: 'openGet', data, offsets: { start: allow.start, end: allow.end }, severity: 'low', confidence: 'medium' });
          continue;
        }
        const critical = write || kind === 'everything' || kind === 'private' || kind === 'user';
        report({
          messageId: write ? 'open' : 'openRead',
          data,
          offsets: { start: allow.start, end: allow.end },
          severity: critical ? 'critical' : 'high',
          confidence: critical ? 'high' : 'medium',
        });
      }
    }
    if (file.rtdbRules) {
      for (const rule of file.rtdbRules.rules) {
        if (rule.kind !== '.read' && rule.kind !== '.write') continue;
        const open = rule.value === true || (typeof rule.value === 'string' && rule.value.trim() === 'true');
        if (!open || rtdbTestModeExpiry(String(rule.value))) continue;
        const kind = rtdbPathKind(rule.path);
        const write = rule.kind === '.write';
        if (!write && kind === 'public') continue;
        const critical = write || kind !== 'unknown';
        report({
          messageId: 'rtdbOpen',
          data: { kind: rule.kind, path: rtdbDisplayPath(rule.path), action: write ? 'change or delete' : 'read' },
          offsets: { start: rule.start, end: rule.end },
          severity: critical ? 'critical' : 'high',
          confidence: critical ? 'high' : 'medium',
        });
      }
    }
  },
});
