import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

/** A firestore.rules file whose documents block holds `body` (indented lines). */
const firestore = (...body: string[]) =>
  ["rules_version = '2';", 'service cloud.firestore {', '  match /databases/{database}/documents {', ...body.map((l) => `    ${l}`), '  }', '}', ''].join('\n');

ruleTester('firebase-rules-open', {
  valid: [
    { name: 'sign-in required, and a signed-out test beside a lookup of the caller', filename: 'firestore.rules', code: firestore('function isSignedIn() { return request.auth != null; }', 'match /users/{userId} {', '  allow update: if isSignedIn() && request.auth.uid == userId;', "  allow create: if request.auth == null && exists(/databases/$(database)/documents/invites/$(request.resource.data.code));", '}') },
    { name: 'owner-only users, public read-only products', filename: 'firestore.rules', code: firestore('match /users/{userId} {', '  allow read, write: if request.auth != null && request.auth.uid == userId;', '}', 'match /products/{id} {', '  allow read: if true;', '}') },
    { name: 'read-only posts without a condition', filename: 'firestore.rules', code: firestore('match /posts/{postId} {', '  allow read;', '  allow write: if false;', '}') },
    { name: 'test-mode dates are the other rule', filename: 'firestore.rules', code: firestore('match /{document=**} {', '  allow read, write: if request.time < timestamp.date(2024, 8, 1);', '}') },
    { name: 'storage: public folder read-only', filename: 'storage.rules', code: "rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n    match /public/{file=**} {\n      allow read;\n    }\n  }\n}\n" },
    {
      name: 'storage: site content, team avatars and the media of users\' public posts, read-only',
      filename: 'storage.rules',
      code: "rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n    match /site-content/{allPaths=**} {\n      allow read: if true;\n    }\n    match /team-avatars/{allPaths=**} {\n      allow read: if true;\n    }\n    match /posts/{userId}/{allPaths=**} {\n      allow read: if true;\n      allow write: if request.auth != null && request.auth.uid == userId;\n    }\n  }\n}\n",
    },
    {
      name: "a community app's documents that only their authors change, read by anyone",
      filename: 'firestore.rules',
      code: firestore('match /prayers/{prayerId} {', '  allow read: if true;', '  allow create: if request.auth != null;', '  allow update, delete: if request.auth != null && resource.data.authorId == request.auth.uid;', '}', 'match /meditations/{id} {', '  allow read: if true;', '  allow write: if request.auth.uid == request.resource.data.authorId;', '}'),
    },
    {
      name: 'storage: profile images in each user\'s folder, and videos of posts, read by anyone',
      filename: 'storage.rules',
      code: "rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n    match /profile-images/{userId}/{fileName} {\n      allow read: if true;\n      allow write: if request.auth != null && request.auth.uid == userId;\n    }\n    match /posts/videos/{videoId} {\n      allow read: if true;\n    }\n  }\n}\n",
    },
    { name: 'RTDB locked root and public read-only articles', filename: 'database.rules.json', code: '{\n  "rules": {\n    ".read": false,\n    ".write": false,\n    "articles": { ".read": true }\n  }\n}\n' },
    { name: 'a rules file in a test folder', filename: 'test/fixtures/firestore.rules', code: firestore('match /{document=**} {', '  allow read, write: if true;', '}') },
    { name: 'a JSON file that is not RTDB rules', filename: 'config/settings.json', code: '{ "rules": { "open": true }, "read": true }\n' },
    {
      name: "a café's menu the server publishes (no client may write it), a leaderboard, and a block on a collection path that matches no document",
      filename: 'firestore.rules',
      code: firestore('match /restoranlar/{restoranId} {', '  allow read: if true;', '  allow write: if false;', '  match /urunler/{urunId} {', '    allow read: if true;', '    allow create, update, delete: if false;', '  }', '}', 'match /leaderboards/{gameId}/scores/{scoreId} {', '  allow read: if true;', '  allow write: if false;', '}', 'match /players/{playerId}/avatar {', '  allow read, write: if true;', '}'),
    },
  ],
  invalid: [
    {
      name: 'a collection of unknown content read by anyone, which any signed-in user may change',
      filename: 'firestore.rules',
      code: firestore('match /prayers/{prayerId} {', '  allow read: if true;', '  allow write: if request.auth != null;', '}'),
      errors: [{ messageId: 'openRead', line: 5, severity: 'high' }],
    },
    {
      name: 'storage: users\' uploads and a user\'s own folder, readable by anyone',
      filename: 'storage.rules',
      code: "rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n    match /user-uploads/{allPaths=**} {\n      allow read: if true;\n    }\n    match /users/{userId}/{allPaths=**} {\n      allow read: if true;\n    }\n  }\n}\n",
      errors: [
        { messageId: 'openRead', line: 5, severity: 'critical' },
        { messageId: 'openRead', line: 8, severity: 'critical' },
      ],
    },
    {
      name: 'an update meant for the server, allowed to whoever is not signed in',
      filename: 'firestore.rules',
      code: firestore('function isSignedIn() { return request.auth != null; }', 'match /users/{userId} {', '  allow read: if isSignedIn() && request.auth.uid == userId;', "  allow update: if !isSignedIn() && request.resource.data.diff(resource.data).affectedKeys().hasOnly(['subscription']);", '}'),
      errors: [{ messageId: 'open', line: 7, severity: 'critical' }],
    },
    {
      name: 'a create allowed to signed-out callers as one way through',
      filename: 'firestore.rules',
      code: firestore('match /profiles/{userId} {', '  allow create: if request.auth == null || request.auth.uid == userId;', '}'),
      errors: [{ messageId: 'open', line: 5 }],
    },
    {
      name: 'everything open',
      filename: 'firestore.rules',
      code: firestore('match /{document=**} {', '  allow read, write: if true;', '}'),
      errors: [{ messageId: 'open', line: 5, severity: 'critical' }],
    },
    {
      name: 'write without a condition on orders, read on users',
      filename: 'firestore.rules',
      code: firestore('match /orders/{orderId} {', '  allow create;', '}', 'match /users/{userId} {', '  allow read: if true;', '}'),
      errors: [
        { messageId: 'open', line: 5, severity: 'critical' },
        { messageId: 'openRead', line: 8, severity: 'critical' },
      ],
    },
    {
      name: 'a Firestore get without list reads one document by its id: low; get with list, or on everything, stays as before',
      filename: 'firestore.rules',
      code: firestore('match /guests/{guestId} {', '  allow get: if true;', '  allow list: if false;', '}', 'match /invites/{id} {', '  allow get, list: if true;', '}', 'match /{document=**} {', '  allow get: if true;', '}'),
      errors: [
        { messageId: 'openGet', line: 5, severity: 'low' },
        { messageId: 'openRead', line: 9, severity: 'high' },
        { messageId: 'openRead', line: 12, severity: 'critical' },
      ],
    },
    {
      name: 'a get in Storage rules reads files by path, which is often guessable: not downgraded',
      filename: 'storage.rules',
      code: "service firebase.storage {\n  match /b/{bucket}/o {\n    match /uploads/{file} {\n      allow get: if true;\n    }\n  }\n}\n",
      errors: [{ messageId: 'openRead', line: 4, severity: 'critical' }],
    },
    {
      name: 'open read of a collection with no telling name is high',
      filename: 'firestore.rules',
      code: firestore('match /submissions/{id} {', '  allow get, list: if (true);', '}'),
      errors: [{ messageId: 'openRead', line: 5, severity: 'high' }],
    },
    {
      name: 'storage open to writes, also under a rules/ folder name',
      filename: 'firebase/storage.rules',
      code: "service firebase.storage {\n  match /b/{bucket}/o {\n    match /{allPaths=**} {\n      allow read, write;\n    }\n  }\n}\n",
      errors: [{ messageId: 'open', line: 4 }],
    },
    {
      name: 'RTDB root open, and a string "true" on user data',
      filename: 'database.rules.json',
      code: '{\n  "rules": {\n    ".read": true,\n    ".write": true,\n    "users": { "$uid": { ".write": "true" } }\n  }\n}\n',
      errors: [
        { messageId: 'rtdbOpen', line: 3 },
        { messageId: 'rtdbOpen', line: 4 },
        { messageId: 'rtdbOpen', line: 5 },
      ],
    },
    {
      name: 'a collection of unknown content read by anyone, with a write rule that is not a denial, and a document path under a collection block',
      filename: 'firestore.rules',
      code: firestore('match /restoranlar/{restoranId} {', '  allow read: if true;', '  allow write: if request.auth != null;', '}', 'match /players/{playerId}/avatar/{file} {', '  allow read: if true;', '}'),
      errors: [
        { messageId: 'openRead', line: 5, severity: 'high' },
        { messageId: 'openRead', line: 9, severity: 'high' },
      ],
    },
  ],
});

describe('firebase-rules-open messages', () => {
  it('quotes a long condition by its start and end, not whole', async () => {
    const condition = `${Array.from({ length: 200 }, (_, i) => `resource.data.field${i} == 'x'`).join(' || ')} || true`;
    const [finding] = await findingsOf('firebase-rules-open', { filename: 'firestore.rules', code: firestore('match /orders/{orderId} {', `  allow write: if ${condition};`, '}') });
    expect(finding.message).toMatch(/^`allow write` on `\/orders\/\{orderId\}` is allowed `if resource\.data\.field0 == 'x' \|\| .* … .*\|\| true`, so anyone/);
    expect(finding.message.length).toBeLessThan(400);
    expect(condition.length).toBeGreaterThan(5000);
  });
});
