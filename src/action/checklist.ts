import { runChecklist } from '../checklist/index.js';
import type { ChecklistResult } from '../checklist/types.js';
import { gateFailures } from '../cli/checklist.js';
import type { ScanResult } from '../engine/result.js';
import type { ProjectModel } from '../model/types.js';
import { renderChecklistSummary } from '../report/checklist-markdown.js';

export interface ChecklistGate {
  result: ChecklistResult;
  /** Why the gate fails, one line each; empty when it passes (or when no threshold was set). */
  failures: string[];
  /** The summary section for the job summary and the comment. */
  markdown: string;
}

/** The pre-deploy checklist over the scan the action already ran, gated by `checklist-fail-under` / `checklist-require`. */
export function checklistGate(model: ProjectModel, scan: ScanResult, failUnder: number | undefined, required: readonly string[]): ChecklistGate {
  const result = runChecklist({ model, findings: scan.findings, rules: scan.rules });
  return { result, failures: gateFailures(result, failUnder, required), markdown: renderChecklistSummary(result) };
}
