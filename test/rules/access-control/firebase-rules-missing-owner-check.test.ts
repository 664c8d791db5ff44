import { ruleTester } from '../../helpers/rule-tester.js';

const firestore = (...body: string[]) =>
  ["rules_version = '2';", 'service cloud.firestore {', '  match /databases/{database}/documents {', ...body.map((l) => `    ${l}`), '  }', '}', ''].join('\n');

ruleTester('firebase-rules-missing-owner-check', {
  valid: [
    { name: 'a create whose owner is the caller, and an update checking the stored owner too', filename: 'firestore.rules', code: firestore('match /resources/{docId} {', '  allow create: if request.auth != null && request.auth.uid == request.resource.data.ownerUid;', '  allow update: if request.auth.uid == resource.data.ownerUid && request.auth.uid == request.resource.data.ownerUid;', '}') },
    { name: 'owner compared with the wildcard', filename: 'firestore.rules', code: firestore('match /users/{userId} {', '  allow read, write: if request.auth != null && request.auth.uid == userId;', '}') },
    { name: 'owner compared with a document field', filename: 'firestore.rules', code: firestore('match /orders/{orderId} {', '  allow read: if request.auth != null && resource.data.userId == request.auth.uid;', '  allow create: if request.auth != null && request.resource.data.userId == request.auth.uid;', '}') },
    { name: 'a role lookup with get()', filename: 'firestore.rules', code: firestore('match /orders/{orderId} {', "  allow read, write: if request.auth != null && get(/databases/$(database)/documents/users/$(request.auth.uid)).data.role == 'admin';", '}') },
    { name: 'a custom claim', filename: 'firestore.rules', code: firestore('match /messages/{id} {', '  allow read, write: if request.auth != null && request.auth.token.admin == true;', '}') },
    { name: 'owner check through a function', filename: 'firestore.rules', code: firestore('function isOwner(uid) {', '  return request.auth != null && request.auth.uid == uid;', '}', 'match /users/{userId} {', '  allow write: if isOwner(userId);', '}') },
    { name: 'signed-in reads of profiles and public posts', filename: 'firestore.rules', code: firestore('match /users/{userId} {', '  allow read: if request.auth != null;', '}', 'match /posts/{postId} {', '  allow create: if request.auth != null;', '}') },
    { name: 'RTDB owner check', filename: 'database.rules.json', code: '{ "rules": { "users": { "$uid": { ".read": "auth != null && auth.uid === $uid", ".write": "auth.uid === $uid" } } } }\n' },
    { name: 'a shared collection any signed-in user edits, its documents stamped with their creator only on create', filename: 'firestore.rules', code: firestore('match /wikiPages/{pageId} {', '  allow read, update: if request.auth != null;', '  allow create: if request.auth != null && request.auth.uid == request.resource.data.createdBy;', '}') },
  ],
  invalid: [
    {
      name: 'a write whose owner check reads only the data being written',
      filename: 'firestore.rules',
      code: firestore('match /publicResources/{docId} {', '  allow read: if true;', '  allow write: if request.auth != null && request.auth.uid == request.resource.data.ownerUid;', '}'),
      errors: [{ messageId: 'newDataOwner', line: 6 }],
    },
    {
      name: 'a write whose owner check, through a helper, reads only the data being written',
      filename: 'firestore.rules',
      code: firestore('function isOwner(uid) {', '  return request.auth != null && request.auth.uid == uid;', '}', 'match /publicResources/{docId} {', '  allow write: if isOwner(request.resource.data.ownerUid);', '}'),
      errors: [{ messageId: 'newDataOwner', line: 8 }],
    },
    {
      name: 'any signed-in user writes any profile',
      filename: 'firestore.rules',
      code: firestore('match /users/{userId} {', '  allow read, write: if request.auth != null;', '}'),
      errors: [{ messageId: 'signedInOnly', line: 5 }],
    },
    {
      name: 'a sign-in helper function on private orders',
      filename: 'firestore.rules',
      code: firestore('function isSignedIn() {', '  return request.auth != null;', '}', 'match /orders/{orderId} {', '  allow read: if isSignedIn();', '  allow update: if isSignedIn() && request.resource.data.keys().hasOnly(["status"]);', '}'),
      errors: [
        { messageId: 'signedInOnly', line: 8 },
        { messageId: 'signedInOnly', line: 9 },
      ],
    },
    {
      name: 'the whole database for any signed-in user',
      filename: 'firestore.rules',
      code: firestore('match /{document=**} {', '  allow read, write: if request.auth.uid != null;', '}'),
      errors: [{ messageId: 'everything', line: 5 }],
    },
    {
      name: 'storage: per-user folders without the owner check',
      filename: 'storage.rules',
      code: "service firebase.storage {\n  match /b/{bucket}/o {\n    match /users/{uid}/{allPaths=**} {\n      allow write: if request.auth != null;\n    }\n  }\n}\n",
      errors: [{ messageId: 'signedInOnly', line: 4 }],
    },
    {
      name: 'RTDB: signed-in writes on user data and at the root',
      filename: 'database.rules.json',
      code: '{\n  "rules": {\n    ".read": "auth != null",\n    "users": {\n      "$uid": { ".write": "auth !== null" }\n    }\n  }\n}\n',
      errors: [
        { messageId: 'rtdbSignedInOnly', line: 3 },
        { messageId: 'rtdbSignedInOnly', line: 5 },
      ],
    },
    {
      name: 'an update any signed-in user may make beside a delete that checks the stored owner',
      filename: 'firestore.rules',
      code: firestore('match /resources/{resourceId} {', '  allow read: if request.auth != null;', '  allow create: if request.auth != null && request.auth.uid == request.resource.data.ownerId;', '  allow update: if request.auth != null;', '  allow delete: if request.auth != null && (request.auth.uid == resource.data.ownerId || isAdmin());', '}'),
      errors: [{ messageId: 'signedInOnly', line: 7 }],
    },
  ],
});
