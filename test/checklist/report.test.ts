import { describe, expect, it } from 'vitest';
import { gateFailures } from '../../src/cli/checklist.js';
import { readinessScore } from '../../src/checklist/index.js';
import type { ChecklistResult } from '../../src/checklist/types.js';
import { renderChecklistMarkdown, renderChecklistSummary } from '../../src/report/checklist-markdown.js';
import { renderChecklistSarif } from '../../src/report/checklist-sarif.js';
import { renderChecklistTerminal } from '../../src/report/checklist-terminal.js';
import { checklistOf } from '../helpers/checklist.js';
import { sarifErrors } from '../report/sarif-schema.js';

const TOOL = { name: 'vibeaudit', version: '0.0.0-test', informationUri: 'https://example.com/vibeaudit' };
const APP = {
  'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.1' }, scripts: { start: 'node dist/index.js' } }),
  'package-lock.json': JSON.stringify({ name: 'api', lockfileVersion: 3, packages: {} }),
  'server/index.ts': `import express from 'express';\nimport helmet from 'helmet';\nconst app = express();\napp.use(helmet());\napp.use((err, req, res, next) => res.status(500).json({ error: err.message, stack: err.stack }));\napp.listen(3000);\n`,
};

describe('readiness score', () => {
  it('weighs items, counts a warning half and ignores items that do not apply', () => {
    expect(readinessScore([{ status: 'pass', weight: 3 }, { status: 'fail', weight: 1 }])).toBe(75);
    expect(readinessScore([{ status: 'warn', weight: 2 }, { status: 'pass', weight: 2 }, { status: 'na', weight: 3 }])).toBe(75);
    expect(readinessScore([{ status: 'na', weight: 3 }])).toBe(100);
  });
});

describe('checklist reports', () => {
  it('terminal: groups, marks and the fix for gaps, no colour codes when colour is off', async () => {
    const text = renderChecklistTerminal(await checklistOf(APP), { color: false });
    expect(text).toMatch(/^Security baseline$/m);
    expect(text).toMatch(/ {2}✓ Security headers are set/);
    expect(text).toMatch(/ {2}✗ An error handler that hides internals/);
    expect(text).toMatch(/server\/index\.ts:5 {2}'?res\.status|server\/index\.ts:5/);
    expect(text).toMatch(/→ Add one error handler/);
    expect(text).toMatch(/^Readiness \d+\/100 /m);
    expect(text).not.toMatch(/\x1b\[/);
  });

  it('markdown: a GitHub task list with evidence, why and fix for each gap', async () => {
    const md = renderChecklistMarkdown(await checklistOf(APP), 'api');
    expect(md).toMatch(/^# Pre-deploy checklist for api$/m);
    expect(md).toMatch(/^- \[x\] \*\*Security headers are set\*\*/m);
    expect(md).toMatch(/^- \[ \] \*\*An error handler that hides internals\*\* \(missing\)/m);
    expect(md).toContain('  - `server/index.ts:5`');
    expect(md).toMatch(/^ {2}- Fix: /m);
    expect(md).toMatch(/<summary>Not applicable to this project \(\d+\)<\/summary>/);
  });

  it('the summary for scan lists only the gaps', async () => {
    const summary = renderChecklistSummary(await checklistOf(APP));
    expect(summary).toContain('- [ ] **An error handler that hides internals** (missing)');
    expect(summary).not.toContain('Security headers are set');
  });

  it('SARIF: valid 2.1.0, category readiness, one result per gap located at its evidence', async () => {
    const result = await checklistOf(APP);
    const log = JSON.parse(renderChecklistSarif(result, TOOL));
    expect(sarifErrors(log)).toEqual([]);
    const run = log.runs[0];
    expect(run.automationDetails.id).toBe('readiness/');
    const gaps = result.items.filter((i) => i.status === 'fail' || i.status === 'warn');
    expect(run.results).toHaveLength(gaps.length);
    const handler = run.results.find((r: { ruleId: string }) => r.ruleId === 'readiness/error-handler');
    expect(handler.level).toBe('warning');
    expect(handler.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'server/index.ts' }, region: { startLine: 5 } });
    // A gap without evidence is shown at the app's entry file.
    const ci = run.results.find((r: { ruleId: string }) => r.ruleId === 'readiness/ci-runs-tests');
    expect(ci.locations[0].physicalLocation.artifactLocation.uri).toBe('server/index.ts');
  });
});

describe('checklist gate', () => {
  const result: ChecklistResult = {
    score: 60,
    counts: { pass: 1, warn: 1, fail: 1, na: 1 },
    items: [
      { id: 'a', group: 'security', title: 'A', why: '', fix: '', weight: 1, status: 'pass', summary: 'ok', evidence: [] },
      { id: 'b', group: 'security', title: 'B', why: '', fix: '', weight: 1, status: 'warn', summary: 'unsure', evidence: [] },
      { id: 'c', group: 'security', title: 'C', why: '', fix: '', weight: 1, status: 'fail', summary: 'missing', evidence: [] },
      { id: 'd', group: 'security', title: 'D', why: '', fix: '', weight: 1, status: 'na', summary: 'n/a', evidence: [] },
    ],
  };
  it('fails under the score, and when a required item fails or only warns', () => {
    expect(gateFailures(result, 70, [])).toEqual(['readiness score 60 is below 70']);
    expect(gateFailures(result, 60, [])).toEqual([]);
    expect(gateFailures(result, undefined, ['a', 'd'])).toEqual([]);
    expect(gateFailures(result, undefined, ['b', 'c'])).toHaveLength(2);
  });
});
