import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { CLEAN, isTainted, sanitize, unionTaint } from './taint.js';
import type { SinkKind, Taint, Val } from './types.js';

const TEXT_ONLY: SinkKind[] = ['nosql', 'prototype-pollution'];

export interface TextPart {
  text?: string;
  val?: Val;
  node?: TSESTree.Node;
}

/**
 * Whether the constant start of a URL or path fixes where it goes, so the tainted rest cannot change the host
 * or turn it into `javascript:`: `https://api.x.com/…`, `/users/…`, `${BASE}/…`, `?q=…`.
 */
export function pinsTarget(prefix: string): boolean {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(prefix);
  if (scheme) {
    const rest = prefix.slice(scheme[0].length);
    const at = rest.search(/[/?#]/);
    return at > 0;
  }
  if (prefix.startsWith('\0')) return /^\0[^/?#]*[/?#]/.test(prefix);
  if (prefix.startsWith('/')) return prefix.length > 1 && prefix[1] !== '/' && prefix[1] !== '\\';
  if (prefix.startsWith('?') || prefix.startsWith('#')) return true;
  return /^[\w.-]+[/?#]/.test(prefix);
}

/** The value of text built from constant and evaluated parts (template literal, `+` chain). */
export function textOf(parts: TextPart[]): Val {
  let prefix = '';
  let seenTaint = false;
  let html = false;
  // Text that starts with a value checked to start with `/` starts with `/` too.
  let rooted = false;
  const taints: (Taint | undefined)[] = [];
  for (const part of parts) {
    if (part.text !== undefined) {
      if (/<[a-zA-Z!/]/.test(part.text)) html = true;
      if (!seenTaint) prefix += part.text;
      continue;
    }
    const v = part.val ?? CLEAN;
    if (v.html) html = true;
    if (isTainted(v) && !seenTaint && v.ownOrigin && prefix === '') {
      // `${origin}…`: the site's own scheme and host, as if written out.
      prefix = 'https://self';
      taints.push(v.taint);
    } else if (isTainted(v)) {
      // A path after a fixed host (`${origin}${next}` once `next` starts with `/`) stays on that host.
      if (!seenTaint && (v.anchored || (v.rooted && /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+$/i.test(prefix)))) prefix += '/x';
      if (!seenTaint && prefix === '' && v.rooted) rooted = true;
      seenTaint = true;
      taints.push(v.taint);
    } else if (!seenTaint) {
      prefix += '\0';
    }
  }
  const taint = unionTaint(...taints);
  if (!taint) return { html: html || undefined };
  // Text cannot carry Mongo operators or prototype keys.
  return { ...sanitize({ taint }, TEXT_ONLY), built: true, html: html || undefined, anchored: pinsTarget(prefix) || undefined, rooted: rooted || undefined };
}
