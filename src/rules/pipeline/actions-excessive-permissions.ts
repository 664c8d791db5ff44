import { isMap, isScalar, type Pair } from 'yaml';
import { defineTextRule } from '../../engine/rule.js';
import { workflowOf } from './workflow.js';

/**
 * The `GITHUB_TOKEN` gets what `permissions:` grants; without it, the repository's default applies, which is
 * read/write on repositories and organisations created before February 2023. A job that handles secrets or
 * untrusted pull requests should hold only what it needs, so a compromised step cannot push or release.
 */
export const actionsExcessivePermissions = defineTextRule({
  id: 'actions-excessive-permissions',
  messageIds: ['writeAll', 'missing'],
  appliesTo: { languages: ['yaml'] },
  check({ file, report }) {
    const wf = workflowOf(file);
    if (!wf || wf.kind !== 'workflow') return;
    const writeAll = (p: Pair | undefined, scope: string) => {
      if (p && isScalar(p.value) && String(p.value.value).trim() === 'write-all' && p.value.range) {
        report({ messageId: 'writeAll', data: { scope }, offsets: { start: p.value.range[0], end: p.value.range[1] } });
      }
    };
    writeAll(wf.permissions, 'the whole workflow');
    for (const job of wf.jobs) writeAll(job.permissions, `job \`${job.id}\``);
    if (wf.permissions) return;
    // A job calling a reusable workflow gets its permissions from the caller; it is covered by the check below.
    const unset = wf.jobs.filter((j) => !j.permissions);
    if (unset.length === 0) return;
    const privileged = ['pull_request_target', 'workflow_run'].find((t) => wf.triggers.has(t));
    const usesSecrets = /\$\{\{[^}]*\bsecrets\b(?!\.GITHUB_TOKEN\b)/.test(file.text) || /^\s*secrets:\s*inherit\b/m.test(file.text);
    if (!privileged && !usesSecrets) return;
    const reason = privileged ? `runs on \`${privileged}\`` : 'uses repository secrets';
    const jobs = unset.map((j) => `\`${j.id}\``).join(', ');
    const at = wf.onKey?.range ?? (isMap(file.yaml?.contents) ? file.yaml!.contents.range : undefined);
    report({
      messageId: 'missing',
      data: { reason, jobs },
      ...(at ? { offsets: { start: at[0], end: at[1] } } : { range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } }),
    });
  },
});
