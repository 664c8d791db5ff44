/** Small text helpers shared by the reporters: turning rule yaml markdown into short plain text. */

/** Paragraphs of a markdown text; a fenced code block counts as one paragraph and keeps its lines. */
export function paragraphs(markdown: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    if (current.length) out.push(current.join('\n'));
    current = [];
  };
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      current.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) {
        fence = undefined;
        flush();
      }
      continue;
    }
    if (marker) {
      flush();
      fence = marker;
      current.push(line);
      continue;
    }
    if (line.trim() === '') flush();
    else current.push(line);
  }
  flush();
  return out;
}

function isFence(paragraph: string): boolean {
  return /^\s*(`{3,}|~{3,})/.test(paragraph);
}

/** The first prose paragraph, its lines joined with spaces. */
export function firstParagraph(markdown: string): string {
  const p = paragraphs(markdown).find((x) => !isFence(x));
  return p ? p.split('\n').map((l) => l.trim()).join(' ') : '';
}

/** The first fenced code block of a markdown text: its info string and its code. */
export function firstCodeBlock(markdown: string): { lang: string; code: string } | undefined {
  const p = paragraphs(markdown).find(isFence);
  if (!p) return undefined;
  const lines = p.split('\n');
  const open = /^\s*(?:`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[0]);
  const body = lines.slice(1);
  if (body.length && /^\s*(`{3,}|~{3,})\s*$/.test(body[body.length - 1])) body.pop();
  return { lang: open?.[1] ?? '', code: body.join('\n') };
}

/** Drop emphasis and link syntax; keep inline code marks unless `dropCode`. */
export function stripInlineMarkdown(text: string, dropCode = false): string {
  let out = text
    .replace(/!?\[([^\]]*)\]\(([^)\s]*)\)/g, '$1')
    .replace(/\*\*(\S(?:[^*]*\S)?)\*\*/g, '$1')
    .replace(/__(\S(?:[^_]*\S)?)__/g, '$1')
    .replace(/(^|[\s(])\*(\S(?:[^*]*\S)?)\*(?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/(^|[\s(])_(\S(?:[^_]*\S)?)_(?=[\s).,;:!?]|$)/g, '$1$2');
  if (dropCode) out = out.replace(/`+\s?([^`]*?)\s?`+/g, '$1');
  return out.replace(/\s+/g, ' ').trim();
}

/** The first sentence of a plain text (a trailing colon, which introduced an example, becomes a full stop). */
export function firstSentence(text: string): string {
  const m = /^(.*?[.!?])(?=\s+[A-Z(`"'*]|\s*$)/.exec(text);
  const sentence = (m ? m[1] : text).trim();
  return sentence.replace(/:$/, '.');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** One short line telling what to do, from a rule's `fix` markdown. */
export function oneLineFix(fixMarkdown: string, max = 160): string {
  // A fix that starts with a numbered or bulleted list: its first item is the one-line fix.
  const paragraph = firstParagraph(fixMarkdown);
  const first = firstListItem(paragraph) ?? paragraph;
  return truncate(firstSentence(stripInlineMarkdown(first)), max);
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m ${Math.round((ms % 60_000) / 1000)}s`;
}

/** The target as the user named it; an absolute path (which should not reach us) is cut to its last folder. */
export function displayTarget(target: string): string {
  const t = target.replace(/\\/g, '/');
  if (/^(\/|[A-Za-z]:\/|~\/)/.test(t)) {
    const parts = t.split('/').filter(Boolean);
    return parts[parts.length - 1] ?? '.';
  }
  return target;
}

/** `supabase-service-role-in-client` → `SupabaseServiceRoleInClient`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** The first item of a list written on one line (`1. Do this. 2. Then that.`), if the text starts with one. */
function firstListItem(text: string): string | undefined {
  const marker = /^(?:\d+[.)]|[-*+])\s+/.exec(text.trimStart());
  if (!marker) return undefined;
  const rest = text.trimStart().slice(marker[0].length);
  const next = /\s(?:\d+[.)]|[-*+])\s/.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}
