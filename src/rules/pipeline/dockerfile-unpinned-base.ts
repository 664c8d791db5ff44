import { defineTextRule } from '../../engine/rule.js';
import { imageParts, stagesOf } from './dockerfile-stages.js';

/** `FROM node` or `FROM node:latest`: the build pulls whatever the registry serves that day. */
export const dockerfileUnpinnedBase = defineTextRule({
  id: 'dockerfile-unpinned-base',
  messageIds: ['noTag', 'latest'],
  appliesTo: { languages: ['dockerfile'] },
  check({ file, report }) {
    for (const stage of stagesOf(file)) {
      // Unresolved build arguments are chosen by whoever runs the build; nothing to judge here.
      if (stage.internal || stage.image === '' || stage.image.includes('$')) continue;
      const { tag, digest } = imageParts(stage.image);
      if (digest) continue;
      if (tag !== undefined && tag.toLowerCase() !== 'latest') continue;
      report({ messageId: tag ? 'latest' : 'noTag', data: { image: stage.image }, offsets: { start: stage.from.start, end: stage.from.end } });
    }
  },
});
