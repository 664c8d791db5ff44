import { defineTextRule } from '../../engine/rule.js';
import { stepsOf, workflowOf, type ScalarAt } from './workflow.js';
import { escapeRegExp } from '../../engine/escape-regexp.js';

const SECRET_EXPR = /\$\{\{\s*(secrets\.[A-Za-z0-9_]+|secrets\[\s*['"][^'"]+['"]\s*\]|toJSON\(\s*secrets\s*\))\s*\}\}/;
const PRINT = /(?:^|[;&|(\s])(echo|printf|print|cat|console\.log|Write-Host|Write-Output)\b/;
/** Encoders whose output GitHub's log masking no longer recognises. */
const UNMASK = /\|\s*(?:base64|xxd|od|rev|hexdump|sed|tr|awk)\b/;

/**
 * Printing a secret to the job log. GitHub masks exact secret values, but not the same value encoded, split or
 * transformed, and not structured secrets; logs of public repositories are public.
 */
export const actionsSecretEchoed = defineTextRule({
  id: 'actions-secret-echoed',
  messageIds: ['echoed', 'allSecrets'],
  appliesTo: { languages: ['yaml'] },
  check({ file, report }) {
    const wf = workflowOf(file);
    if (!wf) return;
    for (const { job, step } of stepsOf(wf)) {
      if (!step.run) continue;
      // Environment variables holding a secret, from the workflow, job and step `env:` blocks.
      const secretEnv = new Set<string>();
      for (const env of [wf.env, job.env, step.env]) for (const [name, v] of env) if (SECRET_EXPR.test(v.value)) secretEnv.add(name);
      checkRun(file.text, step.run, secretEnv, report);
    }
  },
});

type Report = Parameters<Parameters<typeof actionsSecretEchoed.check>[0]['report']>[0];

function checkRun(text: string, run: ScalarAt, secretEnv: Set<string>, report: (d: Report) => void): void {
  const raw = text.slice(run.start, run.end);
  let offset = run.start;
  for (const line of raw.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const all = /\$\{\{\s*toJSON\(\s*secrets\s*\)\s*\}\}/.exec(line);
    if (all) {
      report({ messageId: 'allSecrets', offsets: { start: start + all.index, end: start + all.index + all[0].length } });
      continue;
    }
    const print = PRINT.exec(line);
    // `::add-mask::` is how a workflow tells GitHub to hide a value: it is not printed.
    if (!print || line.includes('::add-mask::')) continue;
    const after = line.slice(print.index);
    let secret: string | undefined;
    let at = -1;
    const expr = SECRET_EXPR.exec(after);
    if (expr) {
      secret = expr[1];
      at = print.index + expr.index;
    } else {
      for (const name of secretEnv) {
        const n = escapeRegExp(name);
        const m = new RegExp(`\\$(?:\\{${n}\\}|${n}\\b)|\\$env:${n}\\b|process\\.env\\.${n}\\b`).exec(after);
        if (m) {
          secret = name;
          at = print.index + m.index;
          break;
        }
      }
    }
    if (!secret) continue;
    // Written to a file or piped into a command that reads it (`docker login --password-stdin`): not printed.
    const rest = line.slice(at);
    if (/(?<![0-9&])>>?|\|\s*tee\b/.test(rest) || (/\|/.test(rest) && !UNMASK.test(rest))) continue;
    report({ messageId: 'echoed', data: { secret, command: print[1] }, offsets: { start: start + print.index + (print[0].length - print[1].length), end: start + line.length } });
  }
}
