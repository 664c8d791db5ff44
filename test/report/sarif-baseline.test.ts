import { describe, expect, it } from 'vitest';
import { applyBaseline } from '../../src/baseline/compare.js';
import { buildBaseline } from '../../src/baseline/file.js';
import { buildSarifLog } from '../../src/report/index.js';
import { sampleResult } from './sample-result.js';
import { sarifErrors } from './sarif-schema.js';

describe('SARIF with a baseline', () => {
  const result = sampleResult();
  const open = result.findings.filter((f) => !f.suppression);
  const baseline = buildBaseline({ ...result, findings: open.slice(1) });
  baseline.findings.push({ fingerprint: 'ffffffffffff0000', ruleId: 'hardcoded-secret', file: 'src/removed.ts' });
  const log = buildSarifLog(applyBaseline(result, baseline, '.vibeaudit-baseline.json'));
  const results = log.runs[0].results ?? [];

  it('marks every result new, unchanged or absent and validates against the schema', () => {
    expect(sarifErrors(log)).toEqual([]);
    expect(results.every((r) => r.baselineState !== undefined)).toBe(true);
    const state = (fp: string) => results.find((r) => r.partialFingerprints?.['vibeaudit/v1'] === fp)?.baselineState;
    expect(state(open[0].fingerprint)).toBe('new');
    for (const f of open.slice(1)) expect(state(f.fingerprint)).toBe('unchanged');
    for (const f of result.findings.filter((x) => x.suppression)) expect(state(f.fingerprint)).toBe('new');
    expect(results).toHaveLength(result.findings.length + 1);
  });

  it('represents an absent entry as a passing result at its file, with no region or snippet', () => {
    const absent = results.filter((r) => r.baselineState === 'absent');
    expect(absent).toEqual([
      {
        ruleId: 'hardcoded-secret',
        ruleIndex: log.runs[0].tool.driver.rules!.findIndex((r) => r.id === 'hardcoded-secret'),
        kind: 'pass',
        level: 'none',
        baselineState: 'absent',
        message: { text: 'A hardcoded-secret finding in src/removed.ts recorded in the baseline is no longer found.' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/removed.ts', uriBaseId: '%SRCROOT%' } } }],
        partialFingerprints: { 'vibeaudit/v1': 'ffffffffffff0000' },
      },
    ]);
  });

  it('leaves baselineState out when no baseline is used', () => {
    expect(buildSarifLog(result).runs[0].results!.some((r) => 'baselineState' in r)).toBe(false);
  });
});
