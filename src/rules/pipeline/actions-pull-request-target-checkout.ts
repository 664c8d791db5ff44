import { defineTextRule } from '../../engine/rule.js';
import { parseUses, workflowOf, type ScalarAt, type WorkflowStep } from './workflow.js';

/** Triggers that run with the base repository's secrets and a write token even for pull requests from forks. */
const PRIVILEGED = ['pull_request_target', 'workflow_run'] as const;

/** Expressions naming the pull request's own code (head commit, branch or merge ref). */
const HEAD_REF = /\bgithub\.event\.pull_request\.head\.(?:sha|ref)\b|\bgithub\.head_ref\b|\bgithub\.event\.workflow_run\.(?:head_sha|head_branch)\b|\bgithub\.event\.number\b|\bgithub\.event\.pull_request\.number\b/;
const PULL_REF = /refs\/pull\//;

/**
 * "Pwn request": a privileged trigger that checks out the pull request's code and then runs it (install scripts,
 * build, tests). The fork's author controls that code, so it runs with the base repository's secrets and token.
 */
export const actionsPullRequestTargetCheckout = defineTextRule({
  id: 'actions-pull-request-target-checkout',
  messageIds: ['checkoutThenRun'],
  appliesTo: { languages: ['yaml'] },
  check({ file, report }) {
    const wf = workflowOf(file);
    if (!wf || wf.kind !== 'workflow') return;
    const trigger = PRIVILEGED.find((t) => wf.triggers.has(t));
    if (!trigger) return;
    for (const job of wf.jobs) {
      job.steps.forEach((step, i) => {
        const ref = headCheckout(file.text, step);
        if (!ref) return;
        const runner = job.steps.slice(i + 1).find(runsCode);
        if (!runner && !ref.thenRuns) return;
        const what = !runner ? 'more commands in the same script' : runner.run ? 'a `run:` step' : `the local action \`${runner.uses!.value.trim()}\``;
        report({ messageId: 'checkoutThenRun', data: { trigger, ref: ref.text, job: job.id, what }, offsets: { start: ref.at.start, end: ref.at.end } });
      });
    }
  },
});

/** The step's checkout of the pull request head: `actions/checkout` with such a `ref`, or `git`/`gh` commands. */
function headCheckout(text: string, step: WorkflowStep): { text: string; at: ScalarAt; thenRuns?: boolean } | undefined {
  const uses = step.uses && parseUses(step.uses.value);
  if (uses && uses.owner === 'actions' && uses.repo === 'checkout') {
    const ref = step.with.get('ref');
    if (ref && (HEAD_REF.test(ref.value) || PULL_REF.test(ref.value))) return { text: ref.value.trim(), at: ref };
    const repo = step.with.get('repository');
    if (repo && /\bgithub\.event\.pull_request\.head\.repo\.full_name\b|\bgithub\.event\.workflow_run\.head_repository\.full_name\b/.test(repo.value)) return { text: repo.value.trim(), at: repo };
    return undefined;
  }
  if (!step.run) return undefined;
  const lines = text.slice(step.run.start, step.run.end).split('\n');
  for (const [n, line] of lines.entries()) {
    if (!/\b(?:git\s+(?:fetch|checkout|switch|pull)|gh\s+pr\s+checkout)\b/.test(line)) continue;
    if (!HEAD_REF.test(line) && !PULL_REF.test(line) && !/gh\s+pr\s+checkout/.test(line)) continue;
    const at = text.indexOf(line.trim(), step.run.start);
    // Commands after the checkout in the same script run the pull request's code too.
    const thenRuns = lines.slice(n + 1).some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    return { text: line.trim(), at: { value: line.trim(), start: at, end: at + line.trim().length }, thenRuns };
  }
  return undefined;
}

/** Steps that execute code from the workspace: shell scripts and local actions. */
function runsCode(step: WorkflowStep): boolean {
  if (step.run) return true;
  return !!step.uses && /^\.\.?\//.test(step.uses.value.trim());
}
