import type { RuleMeta } from '../../src/engine/catalogue-types.js';
import type { Finding, Notification, Severity } from '../../src/engine/finding.js';
import type { ScanResult } from '../../src/engine/result.js';

/** Hand-built inputs for the reporters: every shape a reporter must handle, with fixed numbers. */

function meta(m: Partial<RuleMeta> & Pick<RuleMeta, 'id' | 'title' | 'family' | 'severity'>): RuleMeta {
  return {
    confidence: 'high',
    cwe: [],
    owasp: [],
    owaspApi: [],
    frameworks: [],
    status: 'stable',
    description: `Why ${m.id} matters.`,
    fix: `Fix ${m.id}.`,
    references: [],
    messages: { default: 'message' },
    ...m,
  };
}

export const RULES: RuleMeta[] = [
  meta({
    id: 'supabase-service-role-in-client',
    title: 'Supabase service role key in client code',
    family: 'client-exposure',
    severity: 'critical',
    cwe: ['CWE-200', 'CWE-522'],
    owasp: ['A01:2021'],
    description:
      'The service role key bypasses every Row Level Security policy.\nAnyone who opens the site can read it from the bundle.\n\nSecond paragraph with more detail.',
    fix: 'Use the **anon** key in the browser and keep the service role key on the server:\n\n```ts\nconst supabase = createClient(url, import.meta.env.VITE_SUPABASE_ANON_KEY);\n```\n',
    references: ['https://supabase.com/docs/guides/api/api-keys'],
  }),
  meta({
    id: 'hardcoded-secret',
    title: 'Secret written in source code',
    family: 'secrets',
    severity: 'high',
    cwe: ['CWE-798'],
    owasp: ['A07:2021'],
    description: 'A secret in the code is readable by everyone with access to the repository.',
    fix: 'Move the value to an environment variable and rotate the key. Then read it with `process.env`.',
  }),
  meta({
    id: 'missing-rate-limit',
    title: 'Login route without rate limiting',
    family: 'readiness',
    severity: 'medium',
    confidence: 'medium',
    owaspApi: ['API4:2023'],
    fix: 'Add a rate limiter such as [express-rate-limit](https://example.com) in front of the route.',
  }),
  meta({ id: 'suppression-without-reason', title: 'Suppression comment without a reason', family: 'pipeline', severity: 'low' }),
  meta({ id: 'console-log-in-production', title: 'Debug logging left in', family: 'readiness', severity: 'info', confidence: 'low' }),
  meta({
    id: 'sql-injection',
    title: 'SQL query built from request data',
    family: 'injection',
    severity: 'high',
    cwe: ['CWE-89'],
    owasp: ['A03:2021'],
    description: 'Text from the request becomes part of the SQL itself, so a visitor can change what the query does.',
    fix: 'Pass values as query parameters instead of putting them into the SQL text:\n\n```ts\npool.query(\'SELECT * FROM users WHERE id = $1\', [id]);\n```\n',
  }),
];

let counter = 0;
export function finding(f: Partial<Finding> & Pick<Finding, 'ruleId' | 'file'>): Finding {
  counter++;
  const severity: Severity = f.severity ?? RULES.find((r) => r.id === f.ruleId)?.severity ?? 'medium';
  return {
    severity,
    confidence: 'high',
    range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
    messageId: 'default',
    message: `Message ${counter}`,
    snippet: '',
    fingerprint: `fp${String(counter).padStart(6, '0')}`,
    ...f,
  };
}

/** A path with characters that break tables, HTML and URIs. */
export const SPECIAL_PATH = 'src/app/[id]/we|ird <b>name</b> #1.ts';

export function sampleResult(): ScanResult {
  counter = 0;
  const findings: Finding[] = [
    finding({
      ruleId: 'supabase-service-role-in-client',
      file: 'src/lib/supabase.ts',
      range: { startLine: 4, startColumn: 38, endLine: 4, endColumn: 84 },
      message: '`VITE_SUPABASE_SERVICE_ROLE_KEY` is read in `src/lib/supabase.ts`, which runs in the browser',
      snippet: '  const supabase = createClient(url, import.meta.env.VITE_SUPABASE_SERVICE_ROLE_KEY);',
      symbol: 'supabase',
    }),
    finding({
      ruleId: 'hardcoded-secret',
      file: 'src/config.ts',
      range: { startLine: 2, startColumn: 23, endLine: 2, endColumn: 41 },
      message: 'A Stripe live secret key (`sk_live_********`) is written in `src/config.ts`',
      snippet: 'export const STRIPE = "sk_live_********";',
      confidence: 'high',
    }),
    finding({
      ruleId: 'hardcoded-secret',
      file: SPECIAL_PATH,
      range: { startLine: 7, startColumn: 3, endLine: 7, endColumn: 12 },
      message: 'A token in `<script>` and *emphasis* | pipe, @everyone [link](https://evil.example) <img src=x>',
      snippet: '\tconst t = "ghp_********"; // ```',
    }),
    finding({
      ruleId: 'missing-rate-limit',
      file: 'server/routes/auth.js',
      range: { startLine: 10, startColumn: 1, endLine: 14, endColumn: 4 },
      message: 'The login route `POST /api/login` has no rate limit',
      snippet: "app.post('/api/login', async (req, res) => {\n  const user = await findUser(req.body.email);\n  res.json(user);",
      confidence: 'medium',
      related: [{ file: 'server/index.js', range: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 20 }, message: 'The app is created here without a limiter' }],
    }),
    finding({
      ruleId: 'suppression-without-reason',
      file: 'src/lib/supabase.ts',
      range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      message: 'This vibeaudit-ignore-next-line for hardcoded-secret gives no reason; add one after ` -- `.',
      snippet: '// vibeaudit-ignore-next-line hardcoded-secret',
    }),
    finding({
      ruleId: 'console-log-in-production',
      file: 'src/main.tsx',
      range: { startLine: 20, startColumn: 5, endLine: 20, endColumn: 30 },
      message: '`console.log` prints the user object in the browser console',
      snippet: '    console.log("user", user);',
    }),
    finding({
      ruleId: 'hardcoded-secret',
      file: 'scripts/seed.ts',
      range: { startLine: 5, startColumn: 14, endLine: 5, endColumn: 40 },
      message: 'A Supabase service role JWT (`eyJhbGci********`) is written in `scripts/seed.ts`',
      snippet: 'const key = "eyJhbGci********";',
      suppression: { kind: 'inSource', justification: 'local-only seed key | rotated <weekly>', line: 4 },
    }),
    finding({
      ruleId: 'missing-rate-limit',
      file: SPECIAL_PATH,
      range: { startLine: 30, startColumn: 1, endLine: 30, endColumn: 10 },
      message: 'The route `POST /api/reset` has no rate limit',
      snippet: "app.post('/api/reset', handler);",
      suppression: { kind: 'config' },
    }),
    finding({
      ruleId: 'sql-injection',
      file: 'server/db.ts',
      range: { startLine: 8, startColumn: 10, endLine: 8, endColumn: 61 },
      message: 'Request data reaches the SQL text of `pool.query`',
      snippet: '  return pool.query(`SELECT * FROM users WHERE id = ${id}`);',
      symbol: 'findUser',
      flow: [
        {
          file: 'server/routes/users.ts',
          range: { startLine: 12, startColumn: 14, endLine: 12, endColumn: 25 },
          message: '`req.body.id` is read from the request',
          kind: 'source',
        },
        {
          file: 'server/routes/users.ts',
          range: { startLine: 13, startColumn: 22, endLine: 13, endColumn: 34 },
          message: 'passed to `findUser(id)`',
          kind: 'call',
        },
        {
          file: 'server/db.ts',
          range: { startLine: 8, startColumn: 10, endLine: 8, endColumn: 61 },
          message: '`pool.query` runs SQL built from it',
          kind: 'sink',
        },
      ],
    }),
  ];
  const notifications: Notification[] = [
    {
      level: 'warning',
      kind: 'parse-error',
      message: "Could not parse this file, so only text rules ran on it: ')' expected.",
      file: 'src/broken.tsx',
      line: 12,
      column: 8,
    },
    { level: 'warning', kind: 'suppression', message: 'vibeaudit-ignore-next-line names an unknown rule "no-such-rule".', file: SPECIAL_PATH, line: 2 },
    { level: 'note', kind: 'skipped-file', message: 'Skipped a file larger than 1 MB.' },
  ];
  return {
    tool: { name: 'vibeaudit', version: '1.2.3', informationUri: 'https://github.com/vibeaudit/vibeaudit' },
    target: 'my-app',
    rules: RULES,
    findings,
    notifications,
    files: [
      { path: 'src/lib/supabase.ts', language: 'ts', role: 'client', roleReason: 'src/ of a package that depends on vite' },
      { path: 'server/routes/auth.js', language: 'js', role: 'server', roleReason: 'under server/' },
    ],
    stats: { files: 42, parsed: 40, skippedBinary: 1, byRole: { client: 20, server: 15, config: 7 }, durationMs: 1234 },
    failOn: 'high',
  };
}

/** Many findings in one severity group, to exercise folding. */
export function manyFindingsResult(count: number, severity: Severity = 'high'): ScanResult {
  const base = sampleResult();
  counter = 0;
  const findings = Array.from({ length: count }, (_, i) =>
    finding({
      ruleId: 'hardcoded-secret',
      severity,
      file: `src/file-${String(i + 1).padStart(2, '0')}.ts`,
      message: `Secret number ${i + 1}`,
      snippet: `const k${i + 1} = "sk_live_********";`,
    }),
  );
  return { ...base, findings, notifications: [] };
}

export function emptyResult(): ScanResult {
  return { ...sampleResult(), findings: [], notifications: [], stats: { files: 3, parsed: 3, skippedBinary: 0, byRole: {}, durationMs: 87 } };
}
