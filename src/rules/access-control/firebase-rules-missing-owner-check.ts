import { expandCondition, isAlwaysTrue, ownerOnlyInNewData, rtdbSignedInOnly, shortCondition, signedInOnly, STORED_OWNER_CHECK, testModeExpiry } from '../../firebase/conditions.js';
import { defineTextRule } from '../../engine/rule.js';
import { actionWords, allAllows, displayPath, pathKind, rtdbDisplayPath, rtdbPathKind, userWildcard, writes } from './firebase-paths.js';
import type { AllowStatement } from '../../firebase/types.js';

/**
 * `allow read, write: if request.auth != null;` on per-user data: any account can reach every user's
 * documents. Reported for writes on user or private paths, reads on private paths (orders, messages…),
 * and anything on a recursive wildcard that covers the whole database. Reads of `users/{id}` profiles by
 * signed-in users are common by design and not reported.
 */
export const firebaseRulesMissingOwnerCheck = defineTextRule({
  id: 'firebase-rules-missing-owner-check',
  messageIds: ['signedInOnly', 'everything', 'rtdbSignedInOnly', 'newDataOwner'],
  appliesTo: { roles: ['config'] },
  check({ file, report }) {
    const rules = file.securityRules;
    if (rules) {
      for (const allow of allAllows(rules)) {
        if (allow.condition === undefined || isAlwaysTrue(allow.condition) || testModeExpiry(allow.condition)) continue;
        const expanded = expandCondition(allow.condition, allow.match, rules.functions);
        // Updates whose owner check reads only the data written: a takeover of any document.
        if (allow.methods.some((m) => m === 'update' || m === 'write') && ownerOnlyInNewData(expanded)) {
          report({ messageId: 'newDataOwner', data: { methods: allow.methods.join(', '), path: displayPath(allow.match), condition: shortCondition(allow.condition) }, offsets: { start: allow.start, end: allow.end } });
          continue;
        }
        if (!signedInOnly(expanded)) continue;
        const kind = pathKind(allow.match);
        const write = writes(allow);
        const data = {
          methods: allow.methods.join(', '),
          path: displayPath(allow.match),
          condition: shortCondition(allow.condition),
          action: actionWords(allow),
          owner: ownerHint(userWildcard(allow.match)),
        };
        if (kind === 'everything') {
          report({ messageId: 'everything', data, offsets: { start: allow.start, end: allow.end } });
        } else if ((kind === 'user' && write) || kind === 'private' || (changes(allow) && ownedElsewhere(allow))) {
          report({ messageId: 'signedInOnly', data, offsets: { start: allow.start, end: allow.end } });
        }
      }
    }
    if (file.rtdbRules) {
      for (const rule of file.rtdbRules.rules) {
        if ((rule.kind !== '.read' && rule.kind !== '.write') || typeof rule.value !== 'string' || !rtdbSignedInOnly(rule.value)) continue;
        const kind = rtdbPathKind(rule.path);
        const write = rule.kind === '.write';
        if (!(kind === 'everything' || kind === 'private' || (kind === 'user' && write))) continue;
        const wildcard = [...rule.path].reverse().find((p) => p.startsWith('$'));
        report({
          messageId: 'rtdbSignedInOnly',
          data: {
            kind: rule.kind,
            path: rtdbDisplayPath(rule.path),
            condition: shortCondition(rule.value),
            action: write ? 'change or delete' : 'read',
            owner: wildcard ? `\`${wildcard}\`` : 'the owner stored in the data',
          },
          offsets: { start: rule.start, end: rule.end },
        });
      }
    }
  },
});

/** An update or delete (or `write`): a change to a document that exists. */
function changes(allow: AllowStatement): boolean {
  return allow.methods.some((m) => m === 'update' || m === 'delete' || m === 'write');
}

/**
 * Another rule of the same block compares the caller with the document's owner (`allow delete: if request.auth.uid ==
 * resource.data.ownerId`): the documents have owners, whatever the collection is called, so a change any signed-in
 * user may make beside it skips the check.
 */
function ownedElsewhere(allow: AllowStatement): boolean {
  return allow.match.allows.some((other) => other !== allow && STORED_OWNER_CHECK.test(other.condition ?? ''));
}

function ownerHint(wildcard: string | undefined): string {
  return wildcard ? `the \`{${wildcard}}\` wildcard` : 'the owner field of the document (`resource.data.ownerId`)';
}
