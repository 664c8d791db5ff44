import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { pathToUri, renderSarif } from '../../src/report/sarif.js';
import { RULE_DOCS_URL } from '../../src/report/rule-links.js';
import { expectGolden } from './golden.js';
import { emptyResult, sampleResult, SPECIAL_PATH } from './sample-result.js';
import { sarifErrors } from './sarif-schema.js';

function sarifOf(result = sampleResult()): Sarif.Log {
  return JSON.parse(renderSarif(result)) as Sarif.Log;
}

describe('renderSarif', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    expect(sarifErrors(sarifOf())).toEqual([]);
    expect(sarifErrors(sarifOf(emptyResult()))).toEqual([]);
  });

  it('the validator rejects an invalid log (so the check above can fail)', () => {
    const log = sarifOf() as unknown as { runs: { results: { level: string }[] }[] };
    log.runs[0].results[0].level = 'critical';
    expect(sarifErrors(log).length).toBeGreaterThan(0);
    const bad = sarifOf();
    bad.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri = 'src/a b|c.ts';
    expect(sarifErrors(bad).length).toBeGreaterThan(0);
  });

  it('has one run with the driver and GitHub-ready rule descriptors', () => {
    const log = sarifOf();
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/^https:\/\//);
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'vibeaudit', version: '1.2.3', semanticVersion: '1.2.3', informationUri: 'https://github.com/vibeaudit/vibeaudit' });
    const rule = driver.rules!.find((r) => r.id === 'supabase-service-role-in-client')!;
    expect(rule.name).toBe('SupabaseServiceRoleInClient');
    expect(rule.shortDescription?.text).toBe('Supabase service role key in client code');
    expect(rule.fullDescription?.text).toBe('The service role key bypasses every Row Level Security policy. Anyone who opens the site can read it from the bundle.');
    expect(rule.help?.markdown).toContain('## How to fix');
    expect(rule.help?.markdown).toContain('VITE_SUPABASE_ANON_KEY');
    expect(rule.help?.markdown).toContain('https://supabase.com/docs/guides/api/api-keys');
    expect(rule.help?.text).toContain('Second paragraph');
    expect(rule.helpUri).toBe(`${RULE_DOCS_URL}#supabase-service-role-in-client`);
    expect(rule.defaultConfiguration?.level).toBe('error');
    expect(rule.properties).toEqual({
      tags: ['security', 'client-exposure', 'external/cwe/cwe-200', 'external/cwe/cwe-522', 'owasp-a01:2021'],
      precision: 'high',
      'security-severity': '9.5',
    });
    const limit = driver.rules!.find((r) => r.id === 'missing-rate-limit')!;
    expect(limit.properties).toMatchObject({ precision: 'medium', 'security-severity': '5.5', tags: ['security', 'readiness', 'owasp-api4:2023'] });
    const info = driver.rules!.find((r) => r.id === 'console-log-in-production')!;
    expect(info.properties).toMatchObject({ precision: 'low', 'security-severity': '0.0' });
    expect(info.defaultConfiguration?.level).toBe('note');
  });

  it('maps severities to levels and points each result at its rule by index', () => {
    const result = sampleResult();
    const log = sarifOf(result);
    const run = log.runs[0];
    const levels = Object.fromEntries(run.results!.map((r) => [r.properties!.severity, r.level]));
    expect(levels).toEqual({ critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' });
    expect(run.results).toHaveLength(result.findings.length);
    for (const r of run.results!) {
      expect(run.tool.driver.rules![r.ruleIndex!].id).toBe(r.ruleId);
    }
  });

  it('a finding whose rule metadata is missing still gets a descriptor and a correct index', () => {
    const result = sampleResult();
    result.findings.push({ ...result.findings[0], ruleId: 'retired-rule', fingerprint: 'x' });
    const log = sarifOf(result);
    const last = log.runs[0].results!.at(-1)!;
    expect(log.runs[0].tool.driver.rules![last.ruleIndex!].id).toBe('retired-rule');
    expect(sarifErrors(log)).toEqual([]);
  });

  it('keeps locations relative to %SRCROOT%, percent-encoded, with the redacted snippet and fingerprint', () => {
    const result = sampleResult();
    const log = sarifOf(result);
    const run = log.runs[0];
    expect(Object.keys(run.originalUriBaseIds!)).toEqual(['%SRCROOT%']);
    expect(run.originalUriBaseIds!['%SRCROOT%'].uri).toBeUndefined();
    const first = run.results![0];
    expect(first.locations![0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/lib/supabase.ts', uriBaseId: '%SRCROOT%' },
      region: {
        startLine: 4,
        startColumn: 38,
        endLine: 4,
        endColumn: 84,
        snippet: { text: '  const supabase = createClient(url, import.meta.env.VITE_SUPABASE_SERVICE_ROLE_KEY);' },
      },
    });
    expect(first.partialFingerprints).toEqual({ 'vibeaudit/v1': result.findings[0].fingerprint });
    expect(first.properties).toMatchObject({ severity: 'critical', confidence: 'high' });
    const special = run.results!.find((r) => r.locations![0].physicalLocation!.artifactLocation!.uri!.includes('we'))!;
    const uri = special.locations![0].physicalLocation!.artifactLocation!.uri!;
    expect(uri).toBe(pathToUri(SPECIAL_PATH));
    expect(uri).not.toMatch(/[ |<>[\]#]/);
    expect(decodeURIComponent(uri)).toBe(SPECIAL_PATH);
    for (const r of run.results!) {
      const loc = r.locations![0].physicalLocation!.artifactLocation!;
      expect(loc.uriBaseId).toBe('%SRCROOT%');
      expect(loc.uri).not.toMatch(/^(\/|[a-z]+:)/i);
    }
  });

  it('keeps suppressed findings, marked with their suppression', () => {
    const log = sarifOf();
    const suppressed = log.runs[0].results!.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(2);
    expect(suppressed[0].suppressions).toEqual([
      {
        kind: 'inSource',
        justification: 'local-only seed key | rotated <weekly>',
        location: { physicalLocation: { artifactLocation: { uri: 'scripts/seed.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 4 } } },
      },
    ]);
    expect(suppressed[1].suppressions).toEqual([{ kind: 'external' }]);
  });

  it('writes related locations and tool notifications', () => {
    const run = sarifOf().runs[0];
    const limited = run.results!.find((r) => r.ruleId === 'missing-rate-limit')!;
    expect(limited.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'server/index.js', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 20 } },
        message: { text: 'The app is created here without a limiter' },
      },
    ]);
    const invocation = run.invocations![0];
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: "Could not parse this file, so only text rules ran on it: ')' expected." },
        descriptor: { id: 'parse-error' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/broken.tsx', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 8 } } }],
      },
      {
        level: 'warning',
        message: { text: 'vibeaudit-ignore-next-line names an unknown rule "no-such-rule".' },
        descriptor: { id: 'suppression' },
        locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(SPECIAL_PATH), uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } } }],
      },
      { level: 'note', message: { text: 'Skipped a file larger than 1 MB.' }, descriptor: { id: 'skipped-file' } },
    ]);
  });

  it('writes a data-flow path as one code flow, source first, sink last', () => {
    const result = sampleResult();
    const log = sarifOf(result);
    expect(sarifErrors(log)).toEqual([]);
    const results = log.runs[0].results!;
    const injection = results.find((r) => r.ruleId === 'sql-injection')!;
    expect(injection.codeFlows).toHaveLength(1);
    const [flow] = injection.codeFlows!;
    expect(flow.message?.text).toBe('Data from server/routes/users.ts:12 reaches server/db.ts:8 in 3 steps.');
    expect(flow.threadFlows).toHaveLength(1);
    const steps = flow.threadFlows[0].locations;
    expect(steps.map((s) => s.executionOrder)).toEqual([1, 2, 3]);
    expect(steps.map((s) => s.kinds)).toEqual([['taint', 'source'], ['taint', 'call'], ['taint', 'sink']]);
    expect(steps[0]).toEqual({
      location: {
        physicalLocation: {
          artifactLocation: { uri: 'server/routes/users.ts', uriBaseId: '%SRCROOT%' },
          region: { startLine: 12, startColumn: 14, endLine: 12, endColumn: 25 },
        },
        message: { text: '`req.body.id` is read from the request' },
      },
      kinds: ['taint', 'source'],
      executionOrder: 1,
    });
    // The sink is the result's own location.
    const sink = steps[2].location!.physicalLocation!;
    const own = injection.locations![0].physicalLocation!;
    expect(sink.artifactLocation).toEqual(own.artifactLocation);
    expect(sink.region).toEqual({ ...own.region, snippet: undefined });
    // Findings without a path have no code flow.
    expect(results.filter((r) => r.codeFlows)).toHaveLength(1);
  });

  it('code flows use percent-encoded relative URIs, a plain step kind and the message as given', () => {
    const result = sampleResult();
    const base = result.findings.at(-1)!;
    result.findings = [
      {
        ...base,
        file: SPECIAL_PATH,
        flow: [
          { file: SPECIAL_PATH, range: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 }, message: 'key `sk_live_********` read', kind: 'source' },
          { file: SPECIAL_PATH, range: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 9 }, message: 'copied to `k`', kind: 'step' },
          { file: SPECIAL_PATH, range: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 9 }, message: 'sent', kind: 'sink' },
        ],
      },
    ];
    const log = sarifOf(result);
    expect(sarifErrors(log)).toEqual([]);
    const steps = log.runs[0].results![0].codeFlows![0].threadFlows[0].locations;
    expect(steps[0].location!.physicalLocation!.artifactLocation).toEqual({ uri: pathToUri(SPECIAL_PATH), uriBaseId: '%SRCROOT%' });
    // An empty range still becomes a valid region.
    expect(steps[0].location!.physicalLocation!.region).toEqual({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 2 });
    expect(steps[0].location!.message!.text).toBe('key `sk_live_********` read');
    expect(steps[1].kinds).toEqual(['taint']);
  });

  it('never makes an empty or inverted region', () => {
    const result = sampleResult();
    result.findings = [{ ...result.findings[0], range: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 5 }, snippet: '' }];
    const region = sarifOf(result).runs[0].results![0].locations![0].physicalLocation!.region!;
    expect(region).toEqual({ startLine: 3, startColumn: 5, endLine: 3, endColumn: 6 });
  });

  it('adds the analysis category only when asked', () => {
    expect(sarifOf().runs[0].automationDetails).toBeUndefined();
    const log = JSON.parse(renderSarif(sampleResult(), { category: 'vibeaudit/web/' })) as Sarif.Log;
    expect(log.runs[0].automationDetails).toEqual({ id: 'vibeaudit/web/' });
    expect(sarifErrors(log)).toEqual([]);
  });

  it('matches the golden file', () => {
    expectGolden('sample.sarif', renderSarif(sampleResult()));
  });
});
