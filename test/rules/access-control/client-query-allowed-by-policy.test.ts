import { ruleTester } from '../../helpers/rule-tester.js';

const PKG = JSON.stringify({ name: 'web', dependencies: { '@supabase/supabase-js': '2.45.4', react: '18.3.1', vite: '5.4.10' } });
const CLIENT = `import { createClient } from '@supabase/supabase-js';\nexport const supabase = createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY);\n`;

const SCHEMA = [
  `create table public.invoices (id uuid primary key, owner_id uuid not null references auth.users (id), amount_cents int not null, status text);`,
  `alter table public.invoices enable row level security;`,
  `create policy "read all" on public.invoices for select using (true);`,
  `create policy "signed in update" on public.invoices for update using (auth.role() = 'authenticated');`,
  `create policy "own delete" on public.invoices for delete using (auth.uid() = owner_id);`,
  `create policy "own insert" on public.invoices for insert with check (auth.uid() = owner_id);`,
  `create table public.follow_ups (id uuid primary key, owner_id uuid not null references auth.users (id), draft text);`,
  `create table public.plans (id text primary key, name text, price_cents int);`,
  `alter table public.plans enable row level security;`,
  `create policy "plans are public" on public.plans for select using (true);`,
].join('\n');

/** A React page in the browser whose body is `lines` (from line 3). */
const page = (lines: string[], schema = SCHEMA) => ({
  'package.json': PKG,
  'src/lib/supabase.ts': CLIENT,
  'supabase/migrations/20240101000000_init.sql': schema,
  'src/pages/Invoices.tsx': [`import { supabase } from '@/lib/supabase';`, `export async function load(id: string) {`, ...lines.map((l) => `  ${l}`), `}`, ``].join('\n'),
});

const FIREBASE_PKG = JSON.stringify({ name: 'web', dependencies: { firebase: '10.14.1', react: '18.3.1', vite: '5.4.10' } });
const RULES = [
  `rules_version = '2';`,
  `service cloud.firestore {`,
  `  match /databases/{database}/documents {`,
  `    match /notes/{noteId} {`,
  `      allow read, write: if request.auth != null;`,
  `    }`,
  `    match /users/{userId} {`,
  `      allow read: if request.auth != null;`,
  `      allow write: if request.auth != null && request.auth.uid == userId;`,
  `    }`,
  `    match /guestbook/{entryId} {`,
  `      allow read, write: if true;`,
  `    }`,
  `    match /posts/{postId} {`,
  `      allow read: if true;`,
  `    }`,
  `  }`,
  `}`,
].join('\n');
/** A browser file using the Firestore modular API; `lines` start at line 3. */
const firestorePage = (lines: string[]) => ({
  'package.json': FIREBASE_PKG,
  'firestore.rules': RULES,
  'src/pages/Notes.tsx': [`import { addDoc, collection, deleteDoc, doc, getDoc, getDocs, updateDoc } from 'firebase/firestore';`, `export async function run(db, id: string, uid: string) {`, ...lines.map((l) => `  ${l}`), `}`, ``].join('\n'),
});

ruleTester('client-query-allowed-by-policy', {
  valid: [
    {
      name: 'operations whose policies check the owner',
      files: page([`await supabase.from('invoices').delete().eq('id', id);`, `await supabase.from('invoices').insert({ amount_cents: 100 });`]),
    },
    {
      name: 'public lookup data, and public profiles without personal columns (the Supabase starter), read by everyone',
      files: page(
        [`await supabase.from('plans').select('*');`, `return supabase.from('profiles').select('username, avatar_url').eq('id', id);`],
        `${SCHEMA}\ncreate table public.profiles (id uuid primary key references auth.users (id), username text, avatar_url text);\nalter table public.profiles enable row level security;\ncreate policy "Public profiles are viewable by everyone." on public.profiles for select using (true);`,
      ),
    },
    {
      name: 'a table no migration creates',
      files: page([`return supabase.from('notes').update({ body: 'x' }).eq('id', id);`]),
    },
    {
      name: 'the same query on the server is not browser code',
      files: { ...page([]), 'server/jobs/sweep.ts': `import { supabase } from '../lib/supabase';\nexport async function sweep() {\n  await supabase.from('invoices').update({ status: 'late' }).eq('status', 'sent');\n}\n` },
    },
    {
      name: 'storage calls and RPCs are not table queries',
      files: page([`await supabase.storage.from('invoices').upload('a.pdf', new Blob());`, `await supabase.rpc('mark_paid', { id });`]),
    },
    {
      name: 'Firestore: owner-checked writes, profile reads by signed-in users and public posts',
      files: firestorePage([`await updateDoc(doc(db, 'users', uid), { name: 'x' });`, `await getDoc(doc(db, 'users', id));`, `await getDocs(collection(db, 'posts'));`, `await getDocs(collection(db, 'unmatched'));`]),
    },
  ],
  invalid: [
    {
      name: 'SELECT open to everyone, UPDATE open to any session',
      files: page([`const { data } = await supabase.from('invoices').select('*').eq('id', id);`, `await supabase.from('invoices').update({ status: 'paid' }).eq('id', id);`, `return data;`]),
      errors: [
        { messageId: 'openPolicy', line: 3, file: 'src/pages/Invoices.tsx', severity: 'high' },
        { messageId: 'signedInPolicy', line: 4, file: 'src/pages/Invoices.tsx', severity: 'high' },
      ],
    },
    {
      name: 'a table without row-level security, critical like the table finding',
      files: page([`await supabase.from('follow_ups').insert({ draft: 'Hi' });`]),
      errors: [{ messageId: 'noRls', line: 3, severity: 'critical' }],
    },
    {
      name: 'an upsert is judged by the UPDATE policy, once per table and operation in a file',
      files: page([`await supabase.from('invoices').upsert({ id, status: 'paid' });`, `await supabase.from('invoices').update({ status: 'sent' }).eq('id', id);`]),
      errors: [{ messageId: 'signedInPolicy', line: 3 }],
    },
    {
      name: 'Firestore: sign-in-only notes and an open guestbook',
      files: firestorePage([`await deleteDoc(doc(db, 'notes', id));`, `await getDocs(collection(db, 'notes'));`, `await addDoc(collection(db, 'guestbook'), { text: 'hi' });`]),
      errors: [
        { messageId: 'firestoreSignedIn', line: 3, severity: 'high' },
        { messageId: 'firestoreSignedIn', line: 4, severity: 'high' },
        { messageId: 'firestoreOpen', line: 5, severity: 'critical' },
      ],
    },
  ],
});
