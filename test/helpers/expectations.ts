import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Expected findings declared next to the code of a fixture app:
 *   `// expect: rule-id` (JS/TS), `-- expect: rule-id` (SQL), `# expect: rule-id` (YAML, .env, Dockerfile),
 *   `<!-- expect: rule-id -->` (HTML/markdown). Several ids: `expect: a, b`.
 * A trailing comment applies to its own line; a comment alone on its line applies to the next line that is
 * not itself an expect comment. `expect-suppressed:` declares a finding that a vibeaudit-ignore comment hides.
 * Files without comments (JSON) list theirs in `expected.json` at the fixture root:
 *   [{ "file": "package.json", "line": 12, "rule": "dependency-unpinned-version" }]
 */
export interface Expectation {
  file: string;
  line: number;
  rule: string;
  suppressed: boolean;
}

const MARK = /(?:\/\/|\/\*|#|--|<!--|\{\/\*)\s*expect(-suppressed)?:\s*([a-z0-9, -]+?)\s*(?:\*\/\}?|-->)?\s*$/;

export function readExpectations(root: string): Expectation[] {
  const out: Expectation[] = [];
  for (const file of listFiles(root)) {
    const rel = relative(root, file).split('\\').join('/');
    if (rel === 'expected.json') continue;
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    let pending: { rule: string; suppressed: boolean }[] = [];
    lines.forEach((line, i) => {
      const m = MARK.exec(line);
      const ids = m ? m[2].split(',').map((s) => s.trim()).filter(Boolean) : [];
      const standalone = m !== null && line.slice(0, m.index).trim() === '';
      if (m && standalone) {
        pending.push(...ids.map((rule) => ({ rule, suppressed: Boolean(m[1]) })));
        return;
      }
      const here = m ? ids.map((rule) => ({ rule, suppressed: Boolean(m[1]) })) : [];
      for (const e of [...pending, ...here]) out.push({ file: rel, line: i + 1, ...e });
      pending = [];
    });
  }
  const json = join(root, 'expected.json');
  if (existsSync(json)) {
    for (const e of JSON.parse(readFileSync(json, 'utf8')) as { file: string; line: number; rule: string; suppressed?: boolean }[]) {
      out.push({ file: e.file, line: e.line, rule: e.rule, suppressed: e.suppressed ?? false });
    }
  }
  return out;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === '.git') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

export function key(e: { file: string; line: number; rule: string; suppressed: boolean }): string {
  return `${e.file}:${e.line} ${e.rule}${e.suppressed ? ' (suppressed)' : ''}`;
}
