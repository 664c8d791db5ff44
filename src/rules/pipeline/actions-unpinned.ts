import { defineTextRule } from '../../engine/rule.js';
import { FULL_SHA, parseUses, stepsOf, workflowOf, type ScalarAt } from './workflow.js';

/** Organisations whose actions GitHub itself publishes: a moved tag is less likely, so they weigh less. */
const FIRST_PARTY = new Set(['actions', 'github']);

/**
 * `uses:` references to a tag or branch instead of a full commit id: whoever controls the action's repository
 * (or steals its token) can move the tag, and every workflow using it runs the new code with its secrets.
 */
export const actionsUnpinned = defineTextRule({
  id: 'actions-unpinned',
  messageIds: ['unpinned', 'unpinnedFirstParty', 'dockerUnpinned'],
  appliesTo: { languages: ['yaml'] },
  check({ file, report }) {
    const wf = workflowOf(file);
    if (!wf) return;
    const check = (uses: ScalarAt) => {
      const value = uses.value.trim();
      if (value.startsWith('./') || value.startsWith('../')) return;
      const offsets = { start: uses.start, end: uses.end };
      if (value.startsWith('docker://')) {
        if (!/@sha256:[0-9a-f]{64}$/i.test(value)) report({ messageId: 'dockerUnpinned', data: { uses: value }, offsets });
        return;
      }
      const ref = parseUses(value);
      // An expression or a malformed reference is left to GitHub's own validation.
      if (!ref || !ref.ref || value.includes('${{') || FULL_SHA.test(ref.ref)) return;
      const firstParty = FIRST_PARTY.has(ref.owner.toLowerCase());
      report({
        messageId: firstParty ? 'unpinnedFirstParty' : 'unpinned',
        data: { action: `${ref.owner}/${ref.repo}${ref.path}`, ref: ref.ref },
        offsets,
        severity: firstParty ? 'low' : undefined,
      });
    };
    for (const job of wf.jobs) if (job.uses) check(job.uses);
    for (const { step } of stepsOf(wf)) if (step.uses) check(step.uses);
  },
});
