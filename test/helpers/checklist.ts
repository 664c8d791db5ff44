import { runChecklist } from '../../src/checklist/index.js';
import type { ChecklistResult } from '../../src/checklist/types.js';
import { defaultConfig } from '../../src/config/types.js';
import { scanVirtual } from '../../src/engine/scan.js';
import type { ProjectModel } from '../../src/model/types.js';

/** The checklist of a small virtual project, as the `checklist` command computes it. */
export async function checklistOf(files: Record<string, string>): Promise<ChecklistResult> {
  let model: ProjectModel | undefined;
  const scan = await scanVirtual(files, { config: defaultConfig(), offline: true, onModel: (m) => (model = m) });
  return runChecklist({ model: model!, findings: scan.findings, rules: scan.rules });
}
