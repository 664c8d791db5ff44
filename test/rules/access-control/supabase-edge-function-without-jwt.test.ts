import { ruleTester } from '../../helpers/rule-tester.js';

const open = "Deno.serve(async (req) => {\n  const { prompt } = await req.json();\n  return new Response(JSON.stringify({ prompt }));\n});\n";

ruleTester('supabase-edge-function-without-jwt', {
  valid: [
    { name: 'verify_jwt on', files: { 'supabase/config.toml': '[functions.chat]\nverify_jwt = true\n', 'supabase/functions/chat/index.ts': open } },
    { name: 'no setting means on', files: { 'supabase/config.toml': '[functions.chat]\nimport_map = "./import_map.json"\n', 'supabase/functions/chat/index.ts': open } },
    {
      // A login with rate limiting: the caller has no session yet, the password is what is checked.
      name: 'a sign-in endpoint that checks the caller\u2019s password',
      files: { 'supabase/config.toml': '[functions.login]\nverify_jwt = false\n', 'supabase/functions/login/index.ts': `Deno.serve(async (req) => {\n  const { email, password } = await req.json();\n  const { data, error } = await supabase.auth.signInWithPassword({ email, password });\n  return new Response(JSON.stringify(error ? { error: error.message } : data.session), { status: error ? 401 : 200 });\n});\n` },
    },
    {
      // Invitation links: the caller has no session; holding the token is the proof.
      name: 'an invitation link found by its secret token, refused when no invitation matches',
      files: {
        'supabase/config.toml': '[functions.accept-invite]\nverify_jwt = false\n',
        'supabase/functions/accept-invite/index.ts': `Deno.serve(async (req) => {\n  const { invite, name } = await req.json();\n  const { data: row } = await admin.from('invitations').select('id, org_id').eq('invite_token', String(invite).trim()).maybeSingle();\n  if (!row) return new Response('Invalid invitation', { status: 404 });\n  await admin.from('members').insert({ org_id: row.org_id, name });\n  return new Response('ok');\n});\n`,
      },
    },
    {
      name: 'a payment webhook that compares a shared-secret header with the environment (kept in a local)',
      files: {
        'supabase/config.toml': '[functions.payment-webhook]\nverify_jwt = false\n',
        'supabase/functions/payment-webhook/index.ts': `Deno.serve(async (req) => {\n  const secret = Deno.env.get('PAYMENT_WEBHOOK_SECRET');\n  if (req.headers.get('x-webhook-signature') !== secret) return new Response('no', { status: 401 });\n  const { user_id } = await req.json();\n  await supabase.from('profiles').update({ plan: 'pro' }).eq('id', user_id);\n  return new Response('ok');\n});\n`,
      },
    },
    {
      name: 'checks the user itself',
      files: { 'supabase/config.toml': '[functions.chat]\nverify_jwt = false\n', 'supabase/functions/chat/index.ts': `const { data: { user } } = await supabase.auth.getUser(token);\n${open}` },
    },
    {
      name: 'auth check in an imported _shared helper',
      files: {
        'supabase/config.toml': '[functions.chat]\nverify_jwt = false\n',
        'supabase/functions/chat/index.ts': `import { requireUser } from '../_shared/auth.ts';\n${open}`,
        'supabase/functions/_shared/auth.ts': 'export async function requireUser(req: Request) {\n  const { data } = await client.auth.getUser(req.headers.get("Authorization")!.slice(7));\n  return data.user;\n}\n',
      },
    },
    { name: 'svix webhook', files: { 'supabase/config.toml': '[functions."clerk-webhook"]\nverify_jwt = false\n', 'supabase/functions/clerk-webhook/index.ts': "import { Webhook } from 'npm:svix';\nconst wh = new Webhook(secret);\nconst evt = wh.verify(body, headers);\n" } },
    { name: 'function code not in the scan', files: { 'supabase/config.toml': '[functions.chat]\nverify_jwt = false\n' } },
  ],
  invalid: [
    {
      name: 'an AI function whose helper tests a Set and checks a user id from the body: no caller check',
      files: {
        'supabase/config.toml': '[functions.generate]\nverify_jwt = false\n',
        'supabase/functions/_shared/ai.ts': `const RETRY = new Set([429, 503]);\nexport async function complete(prompt: string) {\n  const res = await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify({ prompt }) });\n  if (RETRY.has(res.status)) throw new Error('busy');\n  return res.json();\n}\n`,
        'supabase/functions/generate/index.ts': `import { complete } from '../_shared/ai.ts';\nDeno.serve(async (req) => {\n  const { userId, topic } = await req.json();\n  if (!userId) return new Response('userId required', { status: 400 });\n  await supabase.from('scripts').insert({ user_id: userId, body: await complete(topic) });\n  return new Response('ok');\n});\n`,
      },
      errors: [{ messageId: 'noCallerCheck', line: 2 }],
    },
    { name: 'open function', files: { 'supabase/config.toml': 'project_id = "x"\n\n[functions.chat]\nverify_jwt = false\n', 'supabase/functions/chat/index.ts': open }, errors: [{ messageId: 'noCallerCheck', line: 4, file: 'supabase/config.toml' }] },
    {
      name: 'quoted name, nested project',
      files: { 'web/supabase/config.toml': '[functions."send-email"]\n# public\nverify_jwt = false\n', 'web/supabase/functions/send-email/index.ts': open },
      errors: [{ messageId: 'noCallerCheck', line: 3 }],
    },
    {
      name: 'creating users with the admin API, or signing up, is no sign-in check',
      files: {
        'supabase/config.toml': '[functions.invite]\nverify_jwt = false\n',
        'supabase/functions/invite/index.ts': `Deno.serve(async (req) => {\n  const { email, password } = await req.json();\n  await admin.auth.admin.createUser({ email, password, email_confirm: true });\n  await supabase.auth.signUp({ email, password });\n  return new Response('ok');\n});\n`,
      },
      errors: [{ messageId: 'noCallerCheck', line: 2 }],
    },
  ],
});
