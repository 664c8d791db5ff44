/** Escaping for text from scanned repositories (paths, messages, suppression reasons) placed in markdown. */

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidirectional overrides reorder what a reviewer sees (Trojan Source): shown as their code, even in code blocks. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

function neutralise(text: string): string {
  return text.replace(CONTROL, '').replace(BIDI, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`);
}

/** For HTML element text (not attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain text outside code: no markup, no HTML, no @mentions, no block syntax at the start. */
function escapePlain(text: string, atLineStart: boolean): string {
  let out = escapeHtml(neutralise(text))
    .replace(/[\\`*_[\]|~#!]/g, (ch) => `\\${ch}`)
    // A zero-width space after @ keeps a report from pinging people or teams named in scanned text.
    .replace(/@(?=[A-Za-z0-9_-])/g, '@\u200b');
  if (atLineStart) out = out.replace(/^(\s*)([-+=]|\d+(?=[.)]))/, (_, space: string, m: string) => `${space}${/\d/.test(m) ? `${m}\\` : `\\${m}`}`);
  return out;
}

/**
 * Inline markdown that keeps the message's code spans (`` `SUPABASE_SERVICE_ROLE_KEY` ``) and neutralises the
 * rest. Code spans follow CommonMark: a run of N backticks closes only on a run of exactly N; an unmatched run
 * is literal text and gets escaped. In a table cell `|` is escaped even inside code spans (GFM splits cells first).
 */
export function escapeInline(text: string, options: { tableCell?: boolean } = {}): string {
  const src = text.replace(/\r?\n/g, ' ');
  let out = '';
  let i = 0;
  while (i < src.length) {
    const tick = src.indexOf('`', i);
    if (tick === -1) {
      out += escapePlain(src.slice(i), i === 0);
      break;
    }
    out += escapePlain(src.slice(i, tick), i === 0);
    const run = /^`+/.exec(src.slice(tick))![0];
    const after = tick + run.length;
    let close = -1;
    const re = /`+/g;
    re.lastIndex = after;
    for (let m = re.exec(src); m; m = re.exec(src)) {
      if (m[0].length === run.length) {
        close = m.index;
        break;
      }
    }
    if (close === -1 || src.slice(after, close).trim() === '') {
      out += '\\`'.repeat(run.length);
      i = after;
      continue;
    }
    let body = neutralise(src.slice(after, close));
    if (options.tableCell) body = body.replace(/\|/g, '\\|');
    out += `${run}${body}${run}`;
    i = close + run.length;
  }
  return out;
}

/** An inline code span holding `text` literally, whatever backticks it contains. */
export function code(text: string, options: { tableCell?: boolean } = {}): string {
  let body = neutralise(text.replace(/\r?\n/g, ' '));
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  if (body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '')) body = ` ${body} `;
  if (options.tableCell) body = body.replace(/\|/g, '\\|');
  return `${fence}${body}${fence}`;
}

/** A fenced code block holding `content` literally: the fence is longer than any backtick run inside. */
export function fenced(content: string, lang = ''): string {
  const body = neutralise(content.replace(/\r\n?/g, '\n')).replace(/\n+$/, '');
  const longest = Math.max(0, ...(body.match(/`{3,}/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${body}\n${fence}`;
}
