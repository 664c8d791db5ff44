import { ruleTester } from '../../helpers/rule-tester.js';

const firestore = (...body: string[]) =>
  ["rules_version = '2';", 'service cloud.firestore {', '  match /databases/{database}/documents {', ...body.map((l) => `    ${l}`), '  }', '}', ''].join('\n');

ruleTester('firebase-rules-test-mode', {
  valid: [
    { name: 'a date combined with a sign-in check', filename: 'firestore.rules', code: firestore('match /{document=**} {', '  allow read, write: if request.auth != null && request.time < timestamp.date(2030, 1, 1);', '}') },
    { name: 'owner rules', filename: 'firestore.rules', code: firestore('match /users/{uid} {', '  allow read, write: if request.auth.uid == uid;', '}') },
    { name: 'RTDB with an auth check', filename: 'database.rules.json', code: '{ "rules": { ".read": "auth != null && now < 1722470400000" } }\n' },
  ],
  invalid: [
    {
      name: 'the console test-mode rule (a past date)',
      filename: 'firestore.rules',
      code: firestore('match /{document=**} {', '  // test mode', '  allow read, write: if request.time < timestamp.date(2024, 8, 1);', '}'),
      errors: [{ messageId: 'testMode', line: 6 }],
    },
    {
      name: 'a far-future date is reported the same way',
      filename: 'storage.rules',
      code: "rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n    match /{allPaths=**} {\n      allow read, write: if request.time < timestamp.date(2099, 12, 31);\n    }\n  }\n}\n",
      errors: [{ messageId: 'testMode', line: 5 }],
    },
    {
      name: 'RTDB test mode',
      filename: 'database.rules.json',
      code: '{\n  "rules": {\n    ".read": "now < 1722470400000",\n    ".write": "now < 1722470400000"\n  }\n}\n',
      errors: [
        { messageId: 'rtdbTestMode', line: 3 },
        { messageId: 'rtdbTestMode', line: 4 },
      ],
    },
  ],
});
