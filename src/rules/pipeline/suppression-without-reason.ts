import { defineTextRule } from '../../engine/rule.js';

/** A suppression must say why, so a reviewer can judge it later (as Biome requires). */
export const suppressionWithoutReason = defineTextRule({
  id: 'suppression-without-reason',
  messageIds: ['missingReason'],
  check({ file, report }) {
    for (const d of file.suppressions) {
      if (d.reason || d.ruleIds.length === 0) continue;
      report({
        messageId: 'missingReason',
        data: { scope: d.scope, rules: d.ruleIds.join(', ') },
        range: { startLine: d.line, startColumn: d.column, endLine: d.line, endColumn: d.column + 1 },
      });
    }
  },
});
