import { ruleTester } from '../../helpers/rule-tester.js';
import { NEXT } from './projects.js';

const FIREBASE_WEB = '{ "name": "web", "dependencies": { "vite": "5.4.0", "react": "18.3.0", "firebase": "10.12.0", "firebase-admin": "12.0.0" } }';
const FUNCTIONS = '{ "name": "functions", "dependencies": { "firebase-admin": "12.0.0", "firebase-functions": "5.0.0" } }';
const SERVICE_ACCOUNT = JSON.stringify({
  type: 'service_account',
  project_id: 'demo-app',
  private_key_id: '0123456789abcdef0123456789abcdef01234567',
  private_key: '-----BEGIN PRIVATE KEY-----\\nnot-a-real-key\\n-----END PRIVATE KEY-----\\n',
  client_email: 'firebase-adminsdk-abc12@demo-app.iam.gserviceaccount.com',
}, null, 2);

ruleTester('firebase-admin-in-client', {
  valid: [
    {
      name: 'the web SDK in the browser',
      files: { 'package.json': FIREBASE_WEB, 'src/lib/firebase.ts': "import { initializeApp } from 'firebase/app';\nimport { getAuth } from 'firebase/auth';\nexport const auth = getAuth(initializeApp({ apiKey: import.meta.env.VITE_FIREBASE_API_KEY }));\n" },
    },
    {
      name: 'Cloud Functions package',
      files: {
        'package.json': FIREBASE_WEB,
        'functions/package.json': FUNCTIONS,
        'functions/src/index.ts': "import * as admin from 'firebase-admin';\nimport serviceAccount from './service-account.json';\nadmin.initializeApp({ credential: admin.credential.cert(serviceAccount as admin.ServiceAccount) });\n",
      },
    },
    {
      name: 'Next.js route handler',
      files: { 'package.json': NEXT, 'app/api/users/route.ts': "import { getAuth } from 'firebase-admin/auth';\nexport async function GET() { return Response.json(await getAuth().listUsers()); }\n" },
    },
    {
      name: 'type-only import of admin types in client code',
      files: { 'package.json': FIREBASE_WEB, 'src/types.ts': "import type { DecodedIdToken } from 'firebase-admin/auth';\nexport type User = DecodedIdToken;\n" },
    },
    {
      name: 'an ordinary JSON import',
      files: { 'package.json': FIREBASE_WEB, 'src/i18n.ts': "import en from './locales/en.json';\nexport default en;\n", 'src/locales/en.json': '{ "hello": "Hello" }' },
    },
    {
      name: 'server folder beside the Vite front end',
      files: { 'package.json': FIREBASE_WEB, 'server/firebase.ts': "import admin from 'firebase-admin';\nexport const db = admin.firestore();\n" },
    },
    {
      name: 'service-account email read in the client is not a credential',
      files: { 'package.json': FIREBASE_WEB, 'src/support.ts': 'export const email = import.meta.env.SERVICE_ACCOUNT_EMAIL;\n' },
    },
  ],
  invalid: [
    {
      name: 'firebase-admin imported in a Vite client',
      files: { 'package.json': FIREBASE_WEB, 'src/lib/firebase.ts': "import { initializeApp } from 'firebase/app';\nimport admin from 'firebase-admin';\nexport const db = admin.firestore();\n" },
      errors: [{ messageId: 'adminSdkImport', line: 2 }],
    },
    {
      name: "modular admin import and a require in a Next.js 'use client' file (reported once)",
      files: { 'package.json': NEXT, 'components/AdminPanel.tsx': "'use client';\nimport { getFirestore } from 'firebase-admin/firestore';\nconst admin = require('firebase-admin');\n" },
      errors: [{ messageId: 'adminSdkImport', line: 2 }],
    },
    {
      name: 'service-account JSON imported into client code (found by content)',
      files: {
        'package.json': FIREBASE_WEB,
        'src/lib/firebase.ts': "import creds from '../config/prod-creds.json';\nexport const projectId = creds.project_id;\n",
        'src/config/prod-creds.json': SERVICE_ACCOUNT,
      },
      errors: [{ messageId: 'serviceAccountImport', line: 1 }],
    },
    {
      name: 'service-account JSON named as such, file not in the scan',
      files: { 'package.json': FIREBASE_WEB, 'src/firebase.js': "const serviceAccount = require('./serviceAccountKey.json');\nexport default serviceAccount;\n" },
      errors: [{ messageId: 'serviceAccountImport', line: 1 }],
    },
    {
      name: 'inline service account object',
      files: {
        'package.json': FIREBASE_WEB,
        'src/lib/admin.ts': "export const sa = {\n  type: 'service_account',\n  project_id: 'demo-app',\n  private_key: import.meta.env.VITE_PK,\n};\n",
      },
      errors: [{ messageId: 'serviceAccountInline', line: 2 }],
    },
    {
      name: 'credential.cert without an admin import in the file',
      files: { 'package.json': FIREBASE_WEB, 'src/lib/init.ts': "import { admin } from './admin';\nadmin.initializeApp({ credential: admin.credential.cert({ projectId: 'x' }) });\n" },
      errors: [{ messageId: 'adminCredential', line: 2 }],
    },
    {
      name: 'the admin import is the finding; its credentials in the same file are not reported again',
      files: {
        'package.json': NEXT,
        'components/Notify.tsx': [
          "'use client';",
          "import admin from 'firebase-admin';",
          'admin.initializeApp({',
          '  credential: admin.credential.cert({',
          '    projectId: process.env.FIREBASE_PROJECT_ID,',
          "    privateKey: process.env.FIREBASE_PRIVATE_KEY?.replace(/\\n/g, '\\n'),",
          '  }),',
          '});',
        ].join('\n'),
      },
      errors: [{ messageId: 'adminSdkImport', line: 2 }],
    },
    {
      name: 'credential.cert with the private key read inside it: one finding',
      files: {
        'package.json': FIREBASE_WEB,
        'src/lib/init.ts': "import { admin } from './admin';\nadmin.initializeApp({\n  credential: admin.credential.cert({ privateKey: process.env.FIREBASE_PRIVATE_KEY }),\n});\n",
      },
      errors: [{ messageId: 'adminCredential', line: 3 }],
    },
    {
      name: 'service-account env read in a client folder',
      files: { 'package.json': FIREBASE_WEB, 'src/lib/init.ts': 'const sa = JSON.parse(process.env.FIREBASE_SERVICE_ACCOUNT_KEY!);\n' },
      errors: [{ messageId: 'serviceAccountEnv', line: 1 }],
    },
    {
      name: 'dynamic import in a client component',
      files: { 'package.json': FIREBASE_WEB, 'src/pages/Admin.tsx': "export async function load() {\n  const { getAuth } = await import('firebase-admin/auth');\n  return getAuth();\n}\n" },
      errors: [{ messageId: 'adminSdkImport', line: 2 }],
    },
  ],
});
