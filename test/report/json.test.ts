import { describe, expect, it } from 'vitest';
import { renderJson, type JsonReport } from '../../src/report/json.js';
import { expectGolden } from './golden.js';
import { emptyResult, sampleResult } from './sample-result.js';

describe('renderJson', () => {
  it('has a versioned, documented shape with summary counts', () => {
    const report = JSON.parse(renderJson(sampleResult())) as JsonReport;
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'target', 'failOn', 'summary', 'findings', 'notifications', 'stats']);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'vibeaudit', version: '1.2.3', informationUri: 'https://github.com/vibeaudit/vibeaudit' });
    expect(report.summary).toEqual({
      passed: false,
      failing: 4,
      total: 7,
      suppressed: 2,
      bySeverity: { critical: 1, high: 3, medium: 1, low: 1, info: 1 },
      byFamily: { 'client-exposure': 1, secrets: 2, injection: 1, readiness: 2, pipeline: 1 },
      unparsedFiles: 1,
    });
    expect(report.notifications).toHaveLength(3);
    expect(report.stats.durationMs).toBe(1234);
    const empty = JSON.parse(renderJson(emptyResult())) as JsonReport;
    expect(empty.summary).toMatchObject({ passed: true, failing: 0, total: 0 });
  });

  it('keeps every finding with all its fields, suppressed ones included', () => {
    const result = sampleResult();
    const report = JSON.parse(renderJson(result)) as JsonReport;
    expect(report.findings).toHaveLength(result.findings.length);
    const first = report.findings[0];
    expect(first).toMatchObject({
      ruleId: 'supabase-service-role-in-client',
      title: 'Supabase service role key in client code',
      family: 'client-exposure',
      severity: 'critical',
      confidence: 'high',
      file: 'src/lib/supabase.ts',
      range: result.findings[0].range,
      messageId: 'default',
      message: result.findings[0].message,
      snippet: result.findings[0].snippet,
      fingerprint: result.findings[0].fingerprint,
      symbol: 'supabase',
      helpUri: 'https://github.com/vibeaudit/vibeaudit/blob/main/docs/rules.md#supabase-service-role-in-client',
    });
    expect(first.fixPrompt).toContain('File: src/lib/supabase.ts, line 4');
    expect(report.findings.find((f) => f.file === 'scripts/seed.ts')?.suppression).toEqual({ kind: 'inSource', justification: 'local-only seed key | rotated <weekly>', line: 4 });
    expect(report.findings.find((f) => f.ruleId === 'missing-rate-limit')?.related).toHaveLength(1);
    const injection = result.findings.find((f) => f.ruleId === 'sql-injection')!;
    expect(report.findings.find((f) => f.ruleId === 'sql-injection')?.flow).toEqual(injection.flow);
    expect(report.findings.filter((f) => 'flow' in f)).toHaveLength(1);
  });

  it('matches the golden file', () => {
    expectGolden('sample.json', renderJson(sampleResult()));
  });
});
