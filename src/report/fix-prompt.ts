import type { Family, RuleMeta } from '../engine/catalogue-types.js';
import type { Finding } from '../engine/finding.js';
import { flowTrail } from './flow-trail.js';
import { firstCodeBlock, firstParagraph, stripInlineMarkdown } from './text.js';

/** Longer code examples are left out: the prompt must stay short enough to paste. */
const MAX_EXAMPLE_LINES = 20;

const SECURITY_FAMILIES: readonly Family[] = ['secrets', 'client-exposure', 'dependencies', 'injection', 'access-control'];

function problemKind(family: Family | undefined): string {
  if (family === 'readiness') return 'a production-readiness problem';
  if (family && SECURITY_FAMILIES.includes(family)) return 'a security problem';
  return 'a problem';
}

function sentence(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * A short, ready-to-paste prompt for an AI coding assistant (Cursor, Claude Code, Lovable…) that asks for
 * exactly this fix: file, line, rule, what is wrong and the safe pattern from the rule's `fix`.
 * The message and snippet are already redacted, so the prompt never carries a secret.
 */
export function buildFixPrompt(finding: Finding, meta?: RuleMeta): string {
  const lines: string[] = [];
  lines.push(`vibeaudit found ${problemKind(meta?.family)} in my project. Please fix it.`);
  lines.push('');
  lines.push(`File: ${finding.file}, line ${finding.range.startLine}`);
  lines.push(`Rule: ${finding.ruleId}${meta ? ` (${meta.title})` : ''}`);
  lines.push(`Problem: ${sentence(finding.message)}`);
  if (finding.flow?.length) lines.push(`How the data gets there: ${flowTrail(finding.flow)}`);
  if (meta) {
    const howTo = stripInlineMarkdown(firstParagraph(meta.fix));
    if (howTo) lines.push(`Safe pattern: ${howTo.replace(/:$/, '.')}`);
    const example = firstCodeBlock(meta.fix);
    if (example && example.code.trim() && example.code.split('\n').length <= MAX_EXAMPLE_LINES) {
      lines.push('Example of the safe version:');
      lines.push(`\`\`\`${example.lang}`, example.code, '```');
    }
  }
  lines.push('');
  lines.push('Change only what this fix needs, keep the rest of the app working as before, and tell me what you changed.');
  if (meta?.family === 'secrets') {
    lines.push('Never write the secret value itself into code, logs or this chat. If it was ever committed, remind me to rotate it.');
  }
  return lines.join('\n');
}
