import { defineTextRule } from '../../engine/rule.js';
import { imageParts, stagesOf } from './dockerfile-stages.js';

/**
 * Tags that name a variant or a release channel but no version (`node:alpine`, `node:lts-slim`, `nginx:stable`):
 * they move to each new major version as `latest` does. (Codenames such as `bookworm` or `jammy` pin a release of
 * the distribution they name, and are left alone.)
 */
const FLOATING_TAG = /^(?:alpine|slim|lts|current|stable|edge|mainline)(?:-(?:alpine|slim))?$/i;

/** `FROM node`, `FROM node:latest` or `FROM node:alpine`: the build pulls whatever the registry serves that day. */
export const dockerfileUnpinnedBase = defineTextRule({
  id: 'dockerfile-unpinned-base',
  messageIds: ['noTag', 'latest', 'noVersion'],
  appliesTo: { languages: ['dockerfile'] },
  check({ file, report }) {
    for (const stage of stagesOf(file)) {
      // Unresolved build arguments are chosen by whoever runs the build; nothing to judge here.
      if (stage.internal || stage.image === '' || stage.image.includes('$')) continue;
      const { tag, digest } = imageParts(stage.image);
      if (digest) continue;
      if (tag !== undefined && tag.toLowerCase() !== 'latest' && !FLOATING_TAG.test(tag)) continue;
      const messageId = tag === undefined ? 'noTag' : tag.toLowerCase() === 'latest' ? 'latest' : 'noVersion';
      report({ messageId, data: { image: stage.image, tag: tag ?? '' }, offsets: { start: stage.from.start, end: stage.from.end } });
    }
  },
});
