import { defineTextRule } from '../../engine/rule.js';
import { splitFlags } from '../../parse/dockerfile.js';

/** `ADD https://…`: the download is not verified, and its content can change between builds. */
export const dockerfileAddFromUrl = defineTextRule({
  id: 'dockerfile-add-from-url',
  messageIds: ['addUrl', 'addHttp'],
  appliesTo: { languages: ['dockerfile'] },
  check({ file, report }) {
    for (const ins of file.dockerfile ?? []) {
      if (ins.keyword !== 'ADD') continue;
      const { flags, words } = splitFlags(ins.args);
      // BuildKit's `ADD --checksum=sha256:…` verifies the download.
      if (flags.has('checksum')) continue;
      const sources = words[0]?.startsWith('[') ? jsonSources(ins.args) : words.slice(0, -1);
      for (const src of sources) {
        if (!/^(?:https?|ftp):\/\//i.test(src)) continue;
        const url = src.replace(/^([a-z]+:\/\/)[^@/]+@/i, '$1***@');
        report({ messageId: /^https:/i.test(src) ? 'addUrl' : 'addHttp', data: { url }, offsets: { start: ins.start, end: ins.end } });
      }
    }
  },
});

function jsonSources(args: string): string[] {
  try {
    const list = JSON.parse(args.slice(args.indexOf('['))) as unknown;
    return Array.isArray(list) ? list.slice(0, -1).map(String) : [];
  } catch {
    return [];
  }
}
