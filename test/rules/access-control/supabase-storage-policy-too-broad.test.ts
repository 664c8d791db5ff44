import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const M = 'supabase/migrations/1.sql';
const buckets = "insert into storage.buckets (id, name, public)\nvalues ('avatars', 'avatars', true), ('docs', 'docs', false);\n";

ruleTester('supabase-storage-policy-too-broad', {
  valid: [
    { name: 'own folder', files: { [M]: `${buckets}create policy "r" on storage.objects for select to authenticated using (bucket_id = 'docs' and (storage.foldername(name))[1] = auth.uid()::text);\n` } },
    { name: 'owner column', files: { [M]: `${buckets}create policy "d" on storage.objects for delete using (bucket_id = 'avatars' and owner_id = (select auth.uid()::text));\n` } },
    { name: 'signed-in upload', files: { [M]: `${buckets}create policy "u" on storage.objects for insert to authenticated with check (bucket_id = 'avatars');\n` } },
    // No `to` clause, so granted to every role, but the condition needs a signed-in user.
    { name: 'signed-in upload checked in the condition', files: { [M]: `${buckets}create policy "u" on storage.objects for insert with check (bucket_id = 'docs' and auth.uid() is not null);\n` } },
    { name: 'service role', files: { [M]: `${buckets}create policy "s" on storage.objects for all to service_role using (true);\n` } },
    { name: 'dropped later', files: { [M]: `${buckets}create policy "r" on storage.objects for select using (bucket_id = 'docs');\n`, 'supabase/migrations/2.sql': 'drop policy "r" on storage.objects;\n' } },
  ],
  invalid: [
    { name: 'listing a public bucket', files: { [M]: `${buckets}create policy "Public avatars"\n  on storage.objects for select using (bucket_id = 'avatars');\n` }, errors: [{ messageId: 'listing', line: 3, severity: 'medium' }] },
    { name: 'private bucket readable by all', files: { [M]: `${buckets}create policy "read docs" on storage.objects for select to authenticated using (auth.role() = 'authenticated' and bucket_id = 'docs');\n` }, errors: [{ messageId: 'readAll', line: 3, severity: 'high' }] },
    { name: 'anonymous uploads', files: { [M]: `${buckets}create policy "up" on storage.objects for insert to anon with check (bucket_id = 'docs');\n` }, errors: [{ messageId: 'writeAll', line: 3 }] },
    { name: 'bucket made private later', files: { [M]: `${buckets}create policy "r" on storage.objects for select using (bucket_id = 'avatars');\n`, 'supabase/migrations/2.sql': "update storage.buckets set public = false where id = 'avatars';\n" }, errors: [{ messageId: 'readAll', line: 3 }] },
    { name: 'update anything anywhere', files: { [M]: 'create policy "all" on storage.objects for update using (true);\n' }, errors: [{ messageId: 'writeAll', line: 1 }] },
    {
      name: 'reading and deleting every file of a bucket, for any signed-in user (checked in the condition)',
      files: { [M]: `${buckets}create policy "view" on storage.objects for select using (bucket_id = 'docs' and auth.uid() is not null);\ncreate policy "del" on storage.objects for delete using (bucket_id = 'docs' and auth.uid() is not null);\n` },
      errors: [
        { messageId: 'readAll', line: 3 },
        { messageId: 'writeAll', line: 4 },
      ],
    },
    { name: 'every file of every bucket for any signed-in user', files: { [M]: 'create policy "all files" on storage.objects for select using (auth.uid() is not null);\n' }, errors: [{ messageId: 'readAll', line: 1 }] },
    {
      name: 'buckets made elsewhere: a listing of avatars by its name, every file of receipts',
      files: { [M]: 'create policy "avatars" on storage.objects for select to anon, authenticated using (bucket_id = \'avatars\');\ncreate policy "receipts" on storage.objects for select to anon, authenticated using (bucket_id = \'receipts\');\n' },
      errors: [
        { messageId: 'listing', line: 1, severity: 'medium' },
        { messageId: 'readAll', line: 2, severity: 'high' },
      ],
    },
  ],
});

describe('supabase-storage-policy-too-broad wording', () => {
  it('names signed-in users, not anyone, when the condition asks for a signed-in user', async () => {
    const code = `${buckets}create policy "view" on storage.objects for select using (bucket_id = 'docs' and auth.uid() is not null);\n`;
    const [f] = await findingsOf('supabase-storage-policy-too-broad', { filename: M, code });
    expect(f.message).toContain('any signed-in user');
    expect(f.message).not.toContain('signed in or not');
    const [g] = await findingsOf('supabase-storage-policy-too-broad', { filename: M, code: 'create policy "all files" on storage.objects for select using (auth.uid() is not null);\n' });
    expect(g.message).toContain('every bucket');
  });
});
