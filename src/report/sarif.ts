import type * as Sarif from 'sarif';
import type { RuleMeta } from '../engine/catalogue-types.js';
import type { Finding, FlowStep, Notification, Range } from '../engine/finding.js';
import type { KnownFinding, ScanResult } from '../engine/result.js';
import { stepLocation } from './flow-trail.js';
import { ruleHelpUri } from './rule-links.js';
import { SARIF_LEVEL, SARIF_PRECISION, SECURITY_SEVERITY } from './severity.js';
import { firstParagraph, pascalCase, plural } from './text.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Every location is relative to this base; the log never says where the project sits on this machine. */
export const SRCROOT = '%SRCROOT%';
export const FINGERPRINT_KEY = 'vibeaudit/v1';

export interface SarifOptions {
  /** `runAutomationDetails.id`, e.g. `vibeaudit/` or `vibeaudit/web/`: GitHub's analysis category. */
  category?: string;
}

/** A relative path as a URI reference: each segment percent-encoded (`[id]`, spaces, `#`, `%`, `|`). */
export function pathToUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function artifact(file: string): Sarif.ArtifactLocation {
  return { uri: pathToUri(file), uriBaseId: SRCROOT };
}

/** SARIF regions are 1-based with an exclusive end column; never empty, never inverted. */
function region(range: Range, snippet?: string): Sarif.Region {
  const startLine = Math.max(1, range.startLine);
  const startColumn = Math.max(1, range.startColumn);
  const endLine = Math.max(startLine, range.endLine);
  let endColumn = Math.max(1, range.endColumn);
  if (endLine === startLine && endColumn <= startColumn) endColumn = startColumn + 1;
  const r: Sarif.Region = { startLine, startColumn, endLine, endColumn };
  if (snippet !== undefined && snippet !== '') r.snippet = { text: snippet };
  return r;
}

function tagsOf(meta: RuleMeta): string[] {
  const tags = ['security', meta.family];
  for (const cwe of meta.cwe) tags.push(`external/cwe/${cwe.toLowerCase()}`);
  for (const o of [...meta.owasp, ...meta.owaspApi]) tags.push(`owasp-${o.toLowerCase()}`);
  return [...new Set(tags)];
}

function helpMarkdown(meta: RuleMeta): string {
  const parts = [meta.description.trim(), '## How to fix', meta.fix.trim()];
  if (meta.references.length) parts.push('## References', meta.references.map((r) => `- <${r}>`).join('\n'));
  return parts.join('\n\n');
}

function helpText(meta: RuleMeta): string {
  const parts = [meta.description.trim(), `How to fix:\n${meta.fix.trim()}`];
  if (meta.references.length) parts.push(`References:\n${meta.references.join('\n')}`);
  return parts.join('\n\n');
}

function descriptor(meta: RuleMeta): Sarif.ReportingDescriptor {
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: firstParagraph(meta.description) || meta.title },
    help: { text: helpText(meta), markdown: helpMarkdown(meta) },
    helpUri: ruleHelpUri(meta.id),
    defaultConfiguration: { level: SARIF_LEVEL[meta.severity] },
    properties: {
      tags: tagsOf(meta),
      precision: SARIF_PRECISION[meta.confidence],
      'security-severity': SECURITY_SEVERITY[meta.severity],
    },
  };
}

/** A finding whose rule has no metadata in the result (should not happen) still gets a descriptor. */
function bareDescriptor(ruleId: string): Sarif.ReportingDescriptor {
  return { id: ruleId, name: pascalCase(ruleId), shortDescription: { text: ruleId }, helpUri: ruleHelpUri(ruleId) };
}

/** SARIF threadFlowLocation kinds (§3.38.8): every step carries tainted data; the ends say which end they are. */
const FLOW_KINDS: Readonly<Record<FlowStep['kind'], readonly string[]>> = {
  source: ['taint', 'source'],
  step: ['taint'],
  call: ['taint', 'call'],
  sink: ['taint', 'sink'],
};

/** The data-flow path as one code flow with one thread flow, steps in order from source to sink. */
function codeFlow(flow: FlowStep[]): Sarif.CodeFlow {
  const source = flow[0];
  const sink = flow[flow.length - 1];
  const locations = flow.map((step, i): Sarif.ThreadFlowLocation => ({
    location: {
      physicalLocation: { artifactLocation: artifact(step.file), region: region(step.range) },
      message: { text: step.message },
    },
    kinds: [...FLOW_KINDS[step.kind]],
    executionOrder: i + 1,
  }));
  return {
    message: { text: `Data from ${stepLocation(source)} reaches ${stepLocation(sink)} in ${plural(flow.length, 'step')}.` },
    threadFlows: [{ locations }],
  };
}

function sarifResult(f: Finding, ruleIndex: number): Sarif.Result {
  const r: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: artifact(f.file), region: region(f.range, f.snippet) } }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: { severity: f.severity, confidence: f.confidence, ...(f.symbol ? { symbol: f.symbol } : {}) },
  };
  if (f.related?.length) {
    r.relatedLocations = f.related.map((rel, i) => ({
      id: i + 1,
      physicalLocation: { artifactLocation: artifact(rel.file), ...(rel.range ? { region: region(rel.range) } : {}) },
      message: { text: rel.message },
    }));
  }
  if (f.flow?.length) r.codeFlows = [codeFlow(f.flow)];
  if (f.suppression) {
    const s: Sarif.Suppression = { kind: f.suppression.kind === 'inSource' ? 'inSource' : 'external' };
    if (f.suppression.justification) s.justification = f.suppression.justification;
    if (f.suppression.line && f.suppression.kind === 'inSource') {
      s.location = { physicalLocation: { artifactLocation: artifact(f.file), region: { startLine: f.suppression.line } } };
    }
    r.suppressions = [s];
  }
  return r;
}

/**
 * A baseline entry no longer found. The baseline holds no message or line, so the result names the rule and file
 * only; `kind: pass` (level `none`) keeps consumers that ignore baselineState from showing it as a problem.
 */
function absentResult(k: KnownFinding, ruleIndex: number): Sarif.Result {
  return {
    ruleId: k.ruleId,
    ruleIndex,
    kind: 'pass',
    level: 'none',
    baselineState: 'absent',
    message: { text: `A ${k.ruleId} finding in ${k.file} recorded in the baseline is no longer found.` },
    locations: [{ physicalLocation: { artifactLocation: artifact(k.file) } }],
    partialFingerprints: { [FINGERPRINT_KEY]: k.fingerprint },
  };
}

function notification(n: Notification): Sarif.Notification {
  const out: Sarif.Notification = { level: n.level, message: { text: n.message }, descriptor: { id: n.kind } };
  if (n.file) {
    const physicalLocation: Sarif.PhysicalLocation = { artifactLocation: artifact(n.file) };
    if (n.line && n.line >= 1) physicalLocation.region = { startLine: n.line, ...(n.column && n.column >= 1 ? { startColumn: n.column } : {}) };
    out.locations = [{ physicalLocation }];
  }
  return out;
}

/** The scan as a SARIF 2.1.0 log that GitHub code scanning accepts. Suppressed findings are kept, marked. */
export function buildSarifLog(result: ScanResult, options: SarifOptions = {}): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = result.rules.map(descriptor);
  const index = new Map(result.rules.map((m, i) => [m.id, i]));
  const indexOf = (ruleId: string): number => {
    let i = index.get(ruleId);
    if (i === undefined) {
      i = rules.push(bareDescriptor(ruleId)) - 1;
      index.set(ruleId, i);
    }
    return i;
  };
  const results = result.findings.map((f) => sarifResult(f, indexOf(f.ruleId)));
  const baseline = result.scope?.baseline;
  if (baseline) {
    // SARIF §3.27.24: once one result has a baselineState, every result has one.
    for (const r of results) r.baselineState = 'new';
    results.push(...baseline.unchanged.map((f) => ({ ...sarifResult(f, indexOf(f.ruleId)), baselineState: 'unchanged' as const })));
    results.push(...baseline.absent.map((k) => absentResult(k, indexOf(k.ruleId))));
  }

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: result.tool.name,
        version: result.tool.version,
        semanticVersion: result.tool.version,
        informationUri: result.tool.informationUri,
        rules,
      },
    },
    originalUriBaseIds: {
      [SRCROOT]: { description: { text: 'The root of the scanned project; result paths are relative to it.' } },
    },
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: result.notifications.map(notification),
      },
    ],
    results,
    columnKind: 'utf16CodeUnits',
  };
  if (options.category) run.automationDetails = { id: options.category };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

export function renderSarif(result: ScanResult, options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarifLog(result, options), null, 2)}\n`;
}
