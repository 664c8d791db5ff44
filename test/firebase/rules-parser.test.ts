import { describe, expect, it } from 'vitest';
import { expandCondition, isAlwaysTrue, rtdbTestModeExpiry, signedInOnly, testModeExpiry } from '../../src/firebase/conditions.js';
import { parseSecurityRules } from '../../src/firebase/rules-parser.js';
import type { MatchBlock } from '../../src/firebase/types.js';

const FIRESTORE = `rules_version = '2';
// Comments before the service
service cloud.firestore {
  match /databases/{database}/documents {
    function isSignedIn() {
      return request.auth != null;
    }
    /* a block comment with { braces } and allow read; inside */
    match /users/{userId} {
      allow read: if isSignedIn(); // trailing comment
      allow write: if isSignedIn()
        && request.auth.uid == userId;
      match /private/{docId=**} {
        allow read, write: if request.auth.uid == userId;
      }
    }
    match /products/{productId} {
      allow read;
      allow write: if get(/databases/$(database)/documents/users/$(request.auth.uid)).data.role == 'admin';
    }
  }
}
`;

describe('parseSecurityRules', () => {
  it('reads the service, version, nested match blocks and their wildcards', () => {
    const rules = parseSecurityRules(FIRESTORE);
    expect(rules.errors).toEqual([]);
    expect(rules.service).toBe('cloud.firestore');
    expect(rules.version).toBe('2');
    const [docs] = rules.matches;
    expect(docs.path).toBe('/databases/{database}/documents');
    expect(docs.functions.map((f) => [f.name, f.body, f.line])).toEqual([['isSignedIn', 'request.auth != null', 5]]);
    const [users, products] = docs.matches;
    expect(users.fullPath).toBe('/databases/{database}/documents/users/{userId}');
    expect(users.line).toBe(9);
    const priv = users.matches[0];
    expect(priv.wildcards).toEqual(['database', 'userId', 'docId']);
    expect(priv.recursive).toBe(true);
    expect(users.recursive).toBe(false);
    expect(products.path).toBe('/products/{productId}');
  });

  it('keeps allow statements with methods, condition text (comments removed) and line', () => {
    const rules = parseSecurityRules(FIRESTORE);
    const users = rules.matches[0].matches[0];
    expect(users.allows.map((a) => [a.methods, a.condition, a.line])).toEqual([
      [['read'], 'isSignedIn()', 10],
      [['write'], 'isSignedIn()\n        && request.auth.uid == userId', 11],
    ]);
    const products = rules.matches[0].matches[1];
    expect(products.allows[0].condition).toBeUndefined();
    expect(products.allows[1].condition).toContain("data.role == 'admin'");
  });

  it('reads storage rules and a missing trailing semicolon before `}`', () => {
    const rules = parseSecurityRules(`service firebase.storage {\n  match /b/{bucket}/o {\n    match /{allPaths=**} {\n      allow read, write: if true\n    }\n  }\n}\n`);
    expect(rules.errors).toEqual([]);
    expect(rules.service).toBe('firebase.storage');
    const all = rules.matches[0].matches[0];
    expect(all.allows.map((a) => [a.methods, a.condition, a.line])).toEqual([[['read', 'write'], 'true', 4]]);
  });

  it('skips unknown statements with an error and reads the rest', () => {
    const rules = parseSecurityRules(`service cloud.firestore {\n  match /databases/{database}/documents {\n    frobnicate something { nested; }\n    match /posts/{id} { allow read: if true; }\n  }\n}\n`);
    expect(rules.errors.map((e) => [e.message, e.line])).toEqual([['unexpected `frobnicate`', 3]]);
    expect(rules.matches[0].matches.map((m) => m.path)).toEqual(['/posts/{id}']);
  });

  it('reports an unclosed block and text that is not rules at all', () => {
    const unclosed = parseSecurityRules(`service cloud.firestore {\n  match /databases/{database}/documents {\n    match /a/{b} {\n      allow read: if true;\n`);
    expect(unclosed.errors.map((e) => e.message)).toContain('a block is not closed: missing `}`');
    expect(unclosed.matches[0].matches[0].allows).toHaveLength(1);
    const junk = parseSecurityRules('<html><body>not rules</body></html>');
    expect(junk.errors.length).toBeGreaterThan(0);
    expect(junk.matches).toEqual([]);
  });
});

describe('conditions', () => {
  const rules = parseSecurityRules(FIRESTORE);
  const users = rules.matches[0].matches[0] as MatchBlock;

  it('inlines functions declared in scope', () => {
    expect(expandCondition('isSignedIn()', users, rules.functions)).toBe('(request.auth != null)');
  });

  it('substitutes arguments for parameters', () => {
    const r = parseSecurityRules(`service cloud.firestore { match /databases/{database}/documents {\n function isOwner(uid) { return request.auth.uid == uid; }\n match /users/{userId} { allow write: if isOwner(userId); } } }`);
    const m = r.matches[0].matches[0];
    expect(expandCondition(m.allows[0].condition!, m, r.functions)).toBe('(request.auth.uid == (userId))');
  });

  it('tells always-true, test-mode and signed-in-only conditions apart', () => {
    expect(isAlwaysTrue(undefined)).toBe(true);
    expect(isAlwaysTrue('(true)')).toBe(true);
    expect(isAlwaysTrue('request.auth != null || true')).toBe(true);
    expect(isAlwaysTrue('request.auth != null')).toBe(false);
    expect(testModeExpiry('request.time < timestamp.date(2024, 8, 1)')).toBe('2024-08-01');
    expect(testModeExpiry('request.auth != null && request.time < timestamp.date(2024, 8, 1)')).toBeUndefined();
    expect(rtdbTestModeExpiry('now < 1722470400000')).toBe('2024-08-01');
    expect(signedInOnly('request.auth != null')).toBe(true);
    expect(signedInOnly('request.auth.uid != null && request.resource.data.size() < 10')).toBe(true);
    expect(signedInOnly('request.auth != null && request.auth.uid == userId')).toBe(false);
    expect(signedInOnly('request.auth != null && request.auth.token.admin == true')).toBe(false);
    expect(signedInOnly("request.auth != null && get(/databases/$(database)/documents/users/$(request.auth.uid)).data.role == 'admin'")).toBe(false);
    expect(signedInOnly('request.auth != null && resource.data.published == true')).toBe(false);
  });

  it('reads functions written before the service, then the service', () => {
    const rules = parseSecurityRules(`rules_version = '2';\n// Helper\nfunction isAdmin() {\n  return request.auth.token.admin == true;\n}\nservice cloud.firestore {\n  match /databases/{database}/documents {\n    match /users/{uid} {\n      allow read: if isAdmin();\n    }\n  }\n}\n`);
    expect(rules.errors).toEqual([]);
    expect(rules.service).toBe('cloud.firestore');
    expect(rules.functions.map((f) => f.name)).toEqual(['isAdmin']);
    expect(rules.matches[0].matches[0].allows[0].condition).toBe('isAdmin()');
  });
});

