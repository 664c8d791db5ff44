/** One Dockerfile instruction, continuation lines joined (as BuildKit reads them). */
export interface DockerInstruction {
  /** Upper-cased keyword: `FROM`, `RUN`, `USER`… */
  keyword: string;
  /** Everything after the keyword, continuation lines joined with a space, comment lines inside dropped. */
  args: string;
  /** 1-based first and last line of the instruction (heredoc bodies included). */
  line: number;
  endLine: number;
  /** Offsets of the instruction in the file text: keyword start to the end of its last line. */
  start: number;
  end: number;
  /** Offset of `args` in the file text when it sits on the first line (for precise ranges). */
  argsStart: number;
}

const DIRECTIVE = /^#\s*escape\s*=\s*([\\`])\s*$/i;

/**
 * Instructions of a Dockerfile. Line continuations use the escape character (`\` or the `# escape=` directive),
 * comment lines between continued lines are skipped, heredocs (`RUN <<EOF … EOF`) are kept inside their
 * instruction. Never throws: unknown lines are read as instructions of that keyword.
 */
export function parseDockerfile(text: string): DockerInstruction[] {
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  let escape = '\\';
  const out: DockerInstruction[] = [];
  let i = 0;
  // Parser directives only count at the very top, before any instruction or other comment.
  for (; i < lines.length; i++) {
    const t = lines[i].replace(/\r$/, '').trim();
    const m = DIRECTIVE.exec(t);
    if (m) escape = m[1];
    else if (!/^#\s*\w+\s*=/.test(t)) break;
  }
  i = 0;
  while (i < lines.length) {
    const raw = lines[i].replace(/\r$/, '');
    const trimmed = raw.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const first = i;
    const m = /^(\S+)\s*/.exec(trimmed)!;
    const keyword = m[1].toUpperCase();
    const argsStart = starts[i] + (raw.length - trimmed.length) + m[0].length;
    const parts: string[] = [];
    let current = trimmed.slice(m[0].length);
    for (;;) {
      const body = current.replace(/\s+$/, '');
      if (body.endsWith(escape) && i + 1 < lines.length) {
        parts.push(body.slice(0, -1).trim());
        i++;
        // Comment and empty lines inside a continued instruction are ignored by the builder.
        while (i < lines.length && /^\s*(#|$)/.test(lines[i].replace(/\r$/, '')) && i + 1 < lines.length) i++;
        current = lines[i].replace(/\r$/, '');
        continue;
      }
      parts.push(body.trim());
      break;
    }
    const args = parts.filter((p) => p !== '').join(' ');
    // Heredocs: the body runs to a line holding only the delimiter.
    const heredocs = [...args.matchAll(/<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/g)].map((h) => h[1]);
    for (const delimiter of heredocs) {
      while (i + 1 < lines.length) {
        i++;
        if (lines[i].replace(/\r$/, '').trim() === delimiter) break;
      }
    }
    out.push({ keyword, args, line: first + 1, endLine: i + 1, start: starts[first] + (raw.length - trimmed.length), end: starts[i] + lines[i].replace(/\r$/, '').length, argsStart });
    i++;
  }
  return out;
}

/** Leading `--flag=value` options of an instruction's arguments, and the rest split on whitespace. */
export function splitFlags(args: string): { flags: Map<string, string>; words: string[] } {
  const flags = new Map<string, string>();
  const words = args.split(/\s+/).filter(Boolean);
  while (words.length && words[0].startsWith('--')) {
    const [k, ...v] = words.shift()!.slice(2).split('=');
    flags.set(k.toLowerCase(), v.join('='));
  }
  return { flags, words };
}
