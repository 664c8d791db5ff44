import { defineTextRule } from '../../engine/rule.js';
import type { DockerInstruction } from '../../parse/dockerfile.js';
import { stagesOf, type DockerStage } from './dockerfile-stages.js';

const ROOT_USER = /^(?:root|0)(?::(?:root|0))?$/i;
/** Base images that already run as a non-root user. */
const NON_ROOT_BASE = /(?:^|\/)distroless\/[^:]+:(?:[^:]*-)?nonroot\b|:(?:[^:]*-)?nonroot$|^cgr\.dev\/chainguard\/|^bitnami\//i;
/** Entrypoints that start as root only to drop privileges (`gosu app node server.js`). */
const DROPS_PRIVILEGES = /\b(?:gosu|su-exec|setpriv|runuser|chpst|s6-setuidgid|setuser)\b/;

/**
 * The final image runs as root when its last stage never switches to another user: a remote code execution
 * in the app then owns the whole container, and any host mount or container escape is root's.
 */
export const dockerfileRunsAsRoot = defineTextRule({
  id: 'dockerfile-runs-as-root',
  messageIds: ['noUser', 'rootUser'],
  appliesTo: { languages: ['dockerfile'] },
  check({ file, report }) {
    // Development containers are meant to run as the developer's root.
    if (/(^|\/)\.devcontainer\//.test(file.path)) return;
    const stages = stagesOf(file);
    const last = stages[stages.length - 1];
    if (!last || DROPS_PRIVILEGES.test(file.text)) return;
    const user = effectiveUser(last, stages);
    if (user === 'inherited-non-root') return;
    const start = lastOf(last.instructions, (i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') ?? last.from;
    if (user === undefined) {
      report({ messageId: 'noUser', data: { image: last.image }, offsets: { start: start.start, end: start.end } });
    } else if (ROOT_USER.test(user.value)) {
      report({ messageId: 'rootUser', data: { user: user.value }, offsets: { start: user.at.start, end: user.at.end } });
    }
  },
});

type UserAt = { value: string; at: { start: number; end: number } };

/** The last `USER` of a stage, following `FROM <earlier stage>` back; a known non-root base counts too. */
function effectiveUser(stage: DockerStage, stages: DockerStage[], depth = 0): UserAt | 'inherited-non-root' | undefined {
  const user = lastOf(stage.instructions, (i) => i.keyword === 'USER');
  if (user) return { value: user.args.trim().replace(/^["']|["']$/g, ''), at: { start: user.start, end: user.end } };
  if (NON_ROOT_BASE.test(stage.image)) return 'inherited-non-root';
  if (stage.internal && depth < 20) {
    const parent = stages.find((s) => s.alias === stage.image.toLowerCase() && s !== stage);
    if (parent) return effectiveUser(parent, stages, depth + 1);
  }
  return undefined;
}

function lastOf(list: DockerInstruction[], test: (i: DockerInstruction) => boolean): DockerInstruction | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return list[i];
  return undefined;
}
