import { describe, expect, it } from 'vitest';
import { buildFixPrompt } from '../../src/report/fix-prompt.js';
import { RULES, sampleResult } from './sample-result.js';

describe('buildFixPrompt', () => {
  const result = sampleResult();
  const meta = (id: string) => RULES.find((r) => r.id === id);

  it('names the file, line, rule, the problem and the safe pattern with its example', () => {
    const f = result.findings[0];
    expect(buildFixPrompt(f, meta(f.ruleId))).toBe(
      [
        'vibeaudit found a security problem in my project. Please fix it.',
        '',
        'File: src/lib/supabase.ts, line 4',
        'Rule: supabase-service-role-in-client (Supabase service role key in client code)',
        'Problem: `VITE_SUPABASE_SERVICE_ROLE_KEY` is read in `src/lib/supabase.ts`, which runs in the browser.',
        'Safe pattern: Use the anon key in the browser and keep the service role key on the server.',
        'Example of the safe version:',
        '```ts',
        'const supabase = createClient(url, import.meta.env.VITE_SUPABASE_ANON_KEY);',
        '```',
        '',
        'Change only what this fix needs, keep the rest of the app working as before, and tell me what you changed.',
      ].join('\n'),
    );
  });

  it('asks to keep secrets out of the chat and to rotate them for the secrets family', () => {
    const f = result.findings[1];
    const prompt = buildFixPrompt(f, meta(f.ruleId));
    expect(prompt).toContain('remind me to rotate it');
    expect(prompt).toContain('Problem: A Stripe live secret key (`sk_live_********`) is written in `src/config.ts`.');
    expect(buildFixPrompt(result.findings[0], meta(result.findings[0].ruleId))).not.toContain('rotate');
  });

  it('names the data-flow path on one line, and only for findings that have one', () => {
    const injection = result.findings.find((f) => f.ruleId === 'sql-injection')!;
    const prompt = buildFixPrompt(injection, meta(injection.ruleId));
    expect(prompt).toContain(
      'Problem: Request data reaches the SQL text of `pool.query`.\nHow the data gets there: req.body.id (server/routes/users.ts:12) → findUser(id) → pool.query (server/db.ts:8)\nSafe pattern:',
    );
    expect(buildFixPrompt(result.findings[0], meta(result.findings[0].ruleId))).not.toContain('How the data gets there');
  });

  it('calls readiness findings production-readiness problems and works without metadata', () => {
    const limit = result.findings[3];
    expect(buildFixPrompt(limit, meta(limit.ruleId))).toMatch(/^vibeaudit found a production-readiness problem/);
    expect(buildFixPrompt(limit, meta(limit.ruleId))).toContain('Safe pattern: Add a rate limiter such as express-rate-limit in front of the route.');
    const bare = buildFixPrompt(limit);
    expect(bare).toContain('Rule: missing-rate-limit\n');
    expect(bare).not.toContain('Safe pattern');
  });
});
