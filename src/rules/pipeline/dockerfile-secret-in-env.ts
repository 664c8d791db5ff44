import { defineTextRule } from '../../engine/rule.js';
import { isSecretName, isSigningSecretName } from '../secrets/names.js';
import { isPlaceholderValue } from '../secrets/values.js';
import { stagesOf, unquote } from './dockerfile-stages.js';

/** Names about a secret rather than holding one: a path to a mounted secret file, its URL or id. */
const NOT_A_VALUE = /_(?:FILE|PATH|DIR|URL|URI|ID|NAME|LENGTH|TTL|EXPIRY|EXPIRES_IN|HEADER)$/i;

/**
 * Secrets in `ENV` are stored in the image config and every layer after it; `ARG` values are recorded in the
 * image history (`docker history --no-trunc`). Either way anyone who can pull the image can read them.
 */
export const dockerfileSecretInEnv = defineTextRule({
  id: 'dockerfile-secret-in-env',
  messageIds: ['envLiteral', 'argSecret', 'envDefault'],
  appliesTo: { languages: ['dockerfile'] },
  check({ file, report }) {
    const final = new Set(stagesOf(file).at(-1)?.instructions);
    for (const ins of file.dockerfile ?? []) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
      for (const { name, value } of assignments(ins.keyword, ins.args)) {
        if (!isSecretName(name) || NOT_A_VALUE.test(name) || /^(?:NEXT_PUBLIC|VITE|REACT_APP|EXPO_PUBLIC)_/i.test(name)) continue;
        const offsets = { start: ins.start, end: ins.end };
        const literal = value !== undefined && !/^\$\{?[A-Za-z_]/.test(value) && !isPlaceholderValue(value) ? value : undefined;
        if (ins.keyword === 'ARG') {
          report({ messageId: 'argSecret', data: { name }, offsets, secrets: literal ? [literal] : undefined });
        } else if (literal) {
          report({ messageId: 'envLiteral', data: { name }, offsets, secrets: [literal] });
        } else if (value?.trim() && !value.includes('$') && isSigningSecretName(name) && final.has(ins)) {
          // `ENV JWT_SECRET=secret` in the image that runs: every container started without its own value signs with
          // one anyone can guess. (A builder stage's stand-in, set only so that `next build` passes, never runs.)
          report({ messageId: 'envDefault', data: { name }, offsets, severity: 'high' });
        }
      }
    }
  },
});

/** `ENV A=1 B="x y"`, legacy `ENV A value with spaces`, `ARG A[=default]`. */
function assignments(keyword: string, args: string): { name: string; value?: string }[] {
  const text = args.trim();
  const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+(\S.*)$/.exec(text);
  if (keyword === 'ENV' && legacy && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(text)) return [{ name: legacy[1], value: unquote(legacy[2]) }];
  const out: { name: string; value?: string }[] = [];
  for (const m of text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g)) {
    out.push({ name: m[1], value: m[2] === undefined ? undefined : unquote(m[2]) });
  }
  return out;
}
