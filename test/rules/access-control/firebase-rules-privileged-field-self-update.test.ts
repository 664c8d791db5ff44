import { ruleTester } from '../../helpers/rule-tester.js';

const firestore = (...body: string[]) =>
  ["rules_version = '2';", 'service cloud.firestore {', '  match /databases/{database}/documents {', ...body.map((l) => `    ${l}`), '  }', '}', ''].join('\n');

/** `isAdmin()` reads the role of the caller's own `users` document (lines 4-6); `users` rules start at line 7. */
const ADMIN = ['function isAdmin() {', "  return get(/databases/$(database)/documents/users/$(request.auth.uid)).data.role == 'admin';", '}'];
/** A helper returning the caller's document data, used for a tenant check (lines 4-7). */
const USER_DATA = [
  'function userData() {',
  '  let path = /databases/$(database)/documents/members/$(request.auth.uid);',
  '  return get(path).data;',
  '}',
];

ruleTester('firebase-rules-privileged-field-self-update', {
  valid: [
    {
      name: "a role read through a helper called with the caller's id, on a document users may change only by its name",
      filename: 'firestore.rules',
      code: firestore(
        'function userDoc(uid) {',
        '  return get(/databases/$(database)/documents/users/$(uid));',
        '}',
        'match /users/{uid} {',
        "  allow read: if request.auth.uid == uid || userDoc(request.auth.uid).data.role == 'owner';",
        "  allow update: if request.auth.uid == uid && request.resource.data.diff(resource.data).affectedKeys().hasOnly(['nickname']);",
        '}',
      ),
    },
    {
      name: "documents whose grant fields the code writes, but whose owners may change only named fields or not those",
      files: {
        'firestore.rules': firestore(
          'match /users/{uid} {',
          "  allow update: if request.auth.uid == uid && request.resource.data.diff(resource.data).affectedKeys().hasOnly(['displayName']);",
          '}',
          'match /profiles/{uid} {',
          "  allow update: if request.auth.uid == uid && !request.resource.data.diff(resource.data).affectedKeys().hasAny(['role']);",
          '}',
          'match /notes/{uid} {',
          '  allow write: if request.auth.uid == uid;',
          '}',
        ),
        'functions/index.js': "const admin = require('firebase-admin');\nconst functions = require('firebase-functions');\nexports.fulfil = functions.https.onRequest(async (req, res) => {\n  const userRef = admin.firestore().collection('users').doc(req.body.uid);\n  await admin.firestore().runTransaction(async (t) => {\n    t.set(userRef, { credits: { wallet: 5 }, displayName: 'x' }, { merge: true });\n  });\n  await admin.firestore().collection('profiles').doc(req.body.uid).update({ role: 'member', bio: '' });\n  res.end();\n});\n",
      },
    },
    {
      name: 'profile updates limited to the fields a form edits',
      filename: 'firestore.rules',
      code: firestore(...ADMIN, 'match /users/{userId} {', "  allow update: if request.auth.uid == userId && request.resource.data.diff(resource.data).affectedKeys().hasOnly(['displayName', 'photoURL']);", '}'),
    },
    {
      name: 'the role kept as it was, and a create with the default role only',
      filename: 'firestore.rules',
      code: firestore(
        ...ADMIN,
        'match /users/{userId} {',
        '  allow update: if request.auth.uid == userId && request.resource.data.role == resource.data.role;',
        "  allow create: if request.auth.uid == userId && request.resource.data.role == 'member';",
        '}',
      ),
    },
    {
      name: 'the role named among the keys a write may not touch',
      filename: 'firestore.rules',
      code: firestore(...ADMIN, 'match /users/{userId} {', "  allow update: if request.auth.uid == userId && !request.resource.data.diff(resource.data).affectedKeys().hasAny(['role', 'plan']);", '}'),
    },
    {
      name: 'only admins write user documents; roles in custom claims',
      filename: 'firestore.rules',
      code: firestore(...ADMIN, 'match /users/{userId} {', '  allow write: if isAdmin();', '}', 'match /teams/{teamId} {', '  allow write: if request.auth.token.role == "admin";', '}'),
    },
    {
      name: 'the owner writes another collection than the one the rules trust',
      filename: 'firestore.rules',
      code: firestore(...ADMIN, 'match /notes/{userId} {', '  allow write: if request.auth.uid == userId;', '}'),
    },
    {
      name: 'the owner check in a helper called with the wildcard, and the role kept as it was',
      filename: 'firestore.rules',
      code: firestore(...ADMIN, 'function isOwner(userId) {', '  return request.auth != null && request.auth.uid == userId;', '}', 'match /users/{userId} {', '  allow read: if isOwner(userId) || isAdmin();', '  allow update: if isOwner(userId) && request.resource.data.role == resource.data.role;', '}'),
    },
    {
      name: "a credits collection users may only read, and one whose owner writes only a fixed list of fields",
      filename: 'firestore.rules',
      code: firestore('match /user_credits/{userId} {', '  allow read: if request.auth.uid == userId;', '  allow write: if false;', '}', 'match /wallets/{uid} {', "  allow update: if request.auth.uid == uid && request.resource.data.diff(resource.data).affectedKeys().hasOnly(['currency']);", '}', 'match /notes/{uid} {', '  allow write: if request.auth.uid == uid;', '}'),
    },
  ],
  invalid: [
    {
      name: 'an owner may rewrite a document where a Cloud Function keeps credits, and another where it keeps a role',
      files: {
        'firestore.rules': firestore('match /users/{uid} {', '  allow read, update: if request.auth.uid == uid;', '}', 'match /profiles/{uid} {', '  allow write: if request.auth.uid == uid;', '}'),
        'functions/index.js': "const admin = require('firebase-admin');\nconst functions = require('firebase-functions');\nexports.fulfil = functions.https.onRequest(async (req, res) => {\n  const userRef = admin.firestore().collection('users').doc(req.body.uid);\n  await admin.firestore().runTransaction(async (t) => {\n    t.set(userRef, { credits: { wallet: 5 }, displayName: 'x' }, { merge: true });\n  });\n  await admin.firestore().collection('profiles').doc(req.body.uid).update({ role: 'member', bio: '' });\n  res.end();\n});\n",
      },
      errors: [
        { messageId: 'heldField', line: 5, file: 'firestore.rules', severity: 'high' },
        { messageId: 'heldField', line: 8, file: 'firestore.rules', severity: 'critical' },
      ],
    },
    {
      name: "a role read through a helper that gets any user's document, called with the caller's id",
      filename: 'firestore.rules',
      code: firestore(
        'function userDoc(uid) {',
        '  return get(/databases/$(database)/documents/users/$(uid));',
        '}',
        'function isOwner() {',
        "  return request.auth != null && userDoc(request.auth.uid).data.role == 'owner';",
        '}',
        'match /users/{uid} {',
        '  allow create, update: if request.auth.uid == uid;',
        '}',
        'match /families/{familyId} {',
        '  allow update: if isOwner() && userDoc(resource.data.ownerId).data.plan == "pro";',
        '}',
      ),
      errors: [{ messageId: 'selfWrite', line: 11, severity: 'critical' }],
    },
    {
      name: 'users edit their own profile, whose role the rules trust',
      filename: 'firestore.rules',
      code: firestore(...ADMIN, 'match /users/{userId} {', '  allow read: if request.auth.uid == userId || isAdmin();', '  allow update: if request.auth.uid == userId;', '}'),
      errors: [{ messageId: 'selfWrite', line: 9, severity: 'critical' }],
    },
    {
      name: 'a tenant id read through a helper, writable at create and update by the owner',
      filename: 'firestore.rules',
      code: firestore(
        ...USER_DATA,
        'match /members/{uid} {',
        '  allow create, update: if request.auth != null && uid == request.auth.uid;',
        '}',
        'match /clinics/{clinicId}/patients/{patientId} {',
        '  allow read, write: if userData().clinicId == clinicId;',
        '}',
      ),
      errors: [{ messageId: 'selfWrite', line: 9, severity: 'high' }],
    },
    {
      name: "the owner check in a helper called with the wildcard (inlined as `request.auth.uid == (userId)`)",
      filename: 'firestore.rules',
      code: firestore(...ADMIN, 'function isOwner(userId) {', '  return request.auth != null && request.auth.uid == userId;', '}', 'match /users/{userId} {', '  allow read: if isOwner(userId) || isAdmin();', '  allow update: if isOwner(userId);', '}'),
      errors: [{ messageId: 'selfWrite', line: 12, severity: 'critical' }],
    },
    {
      name: 'a credits collection and a subscriptions collection their owners may write as they like',
      filename: 'firestore.rules',
      code: firestore('match /user_credits/{userId} {', '  allow read, write: if request.auth != null && request.auth.uid == userId;', '}', 'match /subscriptions/{uid} {', '  allow create, update: if request.auth.uid == uid;', '}'),
      errors: [
        { messageId: 'grantCollection', line: 5 },
        { messageId: 'grantCollection', line: 8 },
      ],
    },
  ],
});
