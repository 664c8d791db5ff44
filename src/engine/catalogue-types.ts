import type { Confidence, Severity } from './finding.js';

export const FAMILIES = ['secrets', 'client-exposure', 'dependencies', 'injection', 'access-control', 'readiness', 'pipeline'] as const;
export type Family = (typeof FAMILIES)[number];

/** A snippet project for docs and the catalogue test: file path (the role comes from it) to content. */
export interface RuleExample {
  files: Record<string, string>;
  /** Optional words shown above the example in docs. */
  note?: string;
}

/** What a rule says, from rules/<id>.yaml. */
export interface RuleMeta {
  id: string;
  title: string;
  family: Family;
  severity: Severity;
  confidence: Confidence;
  cwe: string[];
  owasp: string[];
  owaspApi: string[];
  frameworks: string[];
  status: 'stable' | 'experimental' | 'deprecated';
  deprecatedBy?: string;
  description: string;
  fix: string;
  references: string[];
  messages: Record<string, string>;
}

/**
 * A rule's whole yaml: its metadata and the examples its docs show and its tests run. Scans never read the
 * examples (a third of the yaml, two thirds of the built catalogue's parse), so the catalogue leaves them out.
 */
export interface RuleDoc extends RuleMeta {
  examples: { bad: RuleExample[]; good: RuleExample[] };
}
