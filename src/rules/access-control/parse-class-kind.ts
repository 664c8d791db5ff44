import { rtdbPathKind, type PathKind } from './firebase-paths.js';

/**
 * What a Parse class holds, judged from its name with the same word lists as Firebase collections: Parse
 * names classes in the singular and in CamelCase (`Order`, `ChatMessage`, `_User`), so each word is tried
 * as written and in the plural. Private beats user beats public.
 */
export function parseClassKind(className: string): Exclude<PathKind, 'everything'> {
  const words = className
    .replace(/^_+/, '')
    .split(/(?<=[a-z0-9])(?=[A-Z])|[_\-\s]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  const kinds = new Set<PathKind>();
  for (const word of [...words, words.join('')]) {
    for (const form of [word, `${word}s`, word.replace(/y$/, 'ies')]) kinds.add(rtdbPathKind([form]));
  }
  if (kinds.has('private')) return 'private';
  if (kinds.has('user')) return 'user';
  if (kinds.has('public')) return 'public';
  return 'unknown';
}
