/** Lines of the new version a change touched, per file (paths relative to where git ran). */
export type ChangedLines = Map<string, LineSet>;

/** `all` for a file that is new as a whole (added, renamed, untracked); otherwise 1-based line numbers. */
export type LineSet = 'all' | Set<number>;

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parse `git diff --unified=0 --no-renames` output. A hunk `+c,n` touches lines c..c+n-1; a pure deletion
 * (`+c,0`) touches the lines on either side of the gap, since removing a guard changes what they do.
 */
export function parseUnifiedDiff(text: string): ChangedLines {
  const out: ChangedLines = new Map();
  let current: string | undefined;
  let isNew = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      isNew = false;
    } else if (line.startsWith('new file mode')) {
      isNew = true;
    } else if (line.startsWith('+++ ')) {
      const path = headerPath(line.slice(4));
      current = path;
      if (path !== undefined) {
        if (isNew) out.set(path, 'all');
        else if (!out.has(path)) out.set(path, new Set());
      }
    } else if (current !== undefined && line.startsWith('@@')) {
      const m = HUNK.exec(line);
      const lines = out.get(current);
      if (!m || lines === undefined || lines === 'all') continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      if (count === 0) {
        if (start > 0) lines.add(start);
        lines.add(start + 1);
      } else {
        for (let i = 0; i < count; i++) lines.add(start + i);
      }
    }
  }
  return out;
}

/** `b/src/a.ts`, `"b/sp\303\251cial \"q\".ts"`, `/dev/null`; git adds a tab after names with spaces. */
function headerPath(raw: string): string | undefined {
  let name = raw.replace(/\t$/, '');
  if (name === '/dev/null') return undefined;
  if (name.startsWith('"')) name = unquote(name);
  return name.startsWith('b/') ? name.slice(2) : name;
}

/** Undo git's C-style quoting; octal escapes are UTF-8 bytes. */
export function unquote(quoted: string): string {
  const body = quoted.slice(1, quoted.endsWith('"') ? -1 : undefined);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1];
    if (/[0-7]/.test(next ?? '')) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export function touches(changed: ChangedLines, file: string, startLine: number, endLine: number): boolean {
  const lines = changed.get(file);
  if (lines === undefined) return false;
  if (lines === 'all') return true;
  for (let l = startLine; l <= Math.max(startLine, endLine); l++) if (lines.has(l)) return true;
  return false;
}
