import type * as Sarif from 'sarif';
import type { ChecklistResult, CheckResult } from '../checklist/types.js';
import type { ScanResult } from '../engine/result.js';
import { pathToUri, SARIF_SCHEMA_URI, SRCROOT } from './sarif.js';
import { stripInlineMarkdown } from './text.js';

/** Readiness gaps as SARIF results (category `readiness`): failures are warnings, items to check are notes. */
export function renderChecklistSarif(result: ChecklistResult, tool: ScanResult['tool']): string {
  const gaps = result.items.filter((i) => i.status === 'fail' || i.status === 'warn');
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: result.items.map(descriptor),
          },
        },
        automationDetails: { id: 'readiness/' },
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The scanned folder.' } } },
        results: gaps.flatMap((item) => resultOf(item, result.entry)),
        properties: { readinessScore: result.score },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function descriptor(item: CheckResult): Sarif.ReportingDescriptor {
  return {
    id: `readiness/${item.id}`,
    shortDescription: { text: stripInlineMarkdown(item.title) },
    fullDescription: { text: item.why },
    help: { text: `${item.why}\n\nHow to fix: ${stripInlineMarkdown(item.fix)}`, markdown: `${item.why}\n\n**How to fix:** ${item.fix}` },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['readiness', item.group] },
  };
}

function resultOf(item: CheckResult, entry: string | undefined): Sarif.Result[] {
  const at = item.evidence.find((e) => e.file) ?? (entry ? { file: entry, line: undefined, note: '' } : undefined);
  const location: Sarif.Location[] = at
    ? [{ physicalLocation: { artifactLocation: { uri: pathToUri(at.file), uriBaseId: SRCROOT }, region: { startLine: at.line ?? 1 } } }]
    : [];
  return [
    {
      ruleId: `readiness/${item.id}`,
      level: item.status === 'fail' ? 'warning' : 'note',
      message: { text: `${stripInlineMarkdown(item.title)}: ${stripInlineMarkdown(item.summary)} ${stripInlineMarkdown(item.fix)}` },
      locations: location,
      partialFingerprints: { 'vibeaudit-readiness/v1': item.id },
      properties: { tags: ['readiness'], status: item.status },
    },
  ];
}
