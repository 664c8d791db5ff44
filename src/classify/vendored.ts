/**
 * A copy of a third-party library served to browsers with the project (jQuery and its plugins under
 * `public/js/lib/`): not the project's code, so not analysed as its source. What the rules would report there (a
 * backtracking regex inside jQuery) is nothing the project can fix in place, and the data-flow pass spent 130 ms in
 * keystone's copy of jQuery alone. It is read like a bundle, which it is to the browser: a secret in it is still
 * reported, as sent to every visitor.
 *
 * Told only by both signs at once, so that the project's own code is never taken for a library: its folder (a
 * library folder, such as `lib/` or `vendor/`, inside one served to browsers: `public/`, `static/`, `assets/`, `www/`)
 * and its banner (the comment it opens with, naming the library with a version, and its copyright or licence).
 */

const SERVED_LIBRARY_FOLDER = /(?:^|\/)(?:public|static|assets|www)\/(?:[^/]+\/)*(?:libs?|plugins|vendors?|third[_-]party)\//i;
/** Plain JavaScript: libraries are copied as built, never as TypeScript or JSX sources. */
const PLAIN_SCRIPT = /\.(?:js|mjs|cjs)$/i;
/** The comment a file opens with: one block comment, or a run of line comments. */
const LEADING_COMMENT = /^\uFEFF?\s*(\/\*[\s\S]*?\*\/|(?:\/\/[^\n]*(?:\n|$)\s*)+)/;
/** `jQuery JavaScript Library v1.10.2`, `jQuery UI Widget 1.10.3+amd`, `@license Lodash 4.17.21`. */
const NAME_AND_VERSION = /^[\s*/!]*(?:@(?:license|preserve)\s+)?([A-Za-z][\w.\- ]{0,60}?)\s+v?\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?\b/m;
const RIGHTS = /\bcopyright\b|\(c\)|\u00a9|\blicen[cs]ed?\b|\breleased under\b/i;

/** The library a file is a copy of (`jQuery JavaScript Library v1.10.2`), or undefined for the project's own code. */
export function vendoredLibrary(path: string, text: string): string | undefined {
  if (!PLAIN_SCRIPT.test(path) || !SERVED_LIBRARY_FOLDER.test(path)) return undefined;
  const comment = LEADING_COMMENT.exec(text.slice(0, 2000))?.[1];
  if (!comment || !RIGHTS.test(comment)) return undefined;
  const named = NAME_AND_VERSION.exec(comment);
  return named ? named[0].replace(/^[\s*/!]*(?:@(?:license|preserve)\s+)?/, '').trim() : undefined;
}
