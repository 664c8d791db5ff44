/** dotenv syntax: `KEY=value`, `export KEY=value`, quotes, `#` comments. Multi-line quoted values are joined. */
export interface EnvEntry {
  name: string;
  value: string;
  /** 1-based line of the assignment. */
  line: number;
  /** Offset of the value's first character in the file text. */
  valueOffset: number;
}

const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;

export function parseEnv(text: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    const lineOffset = offset;
    const line = i + 1;
    offset += lines[i].length + 1;
    const m = ASSIGNMENT.exec(raw);
    if (!m) continue;
    let rest = raw.slice(m[0].length);
    let valueOffset = lineOffset + m[0].length;
    let value: string;
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      valueOffset += 1;
      let body = rest.slice(1);
      let close = body.indexOf(quote);
      // A quoted value may run over several lines (private keys).
      let j = i;
      while (close === -1 && j + 1 < lines.length) {
        j++;
        body += '\n' + lines[j].replace(/\r$/, '');
        offset += lines[j].length + 1;
        close = body.indexOf(quote);
      }
      value = close === -1 ? body : body.slice(0, close);
      if (quote === '"') value = value.replace(/\\n/g, '\n');
      i = j;
    } else {
      const hash = rest.search(/[ \t]#/);
      if (hash !== -1) rest = rest.slice(0, hash);
      value = rest.trim();
    }
    entries.push({ name: m[1], value, line, valueOffset });
  }
  return entries;
}
