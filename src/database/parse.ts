import { PgParser } from '@supabase/pg-parser';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { SourceFile } from '../model/types.js';
import { offsetToPosition } from '../engine/make-finding.js';
import { executedStatements } from './do-blocks.js';
import { isSupabaseScript, supabaseConfigDir, supabaseSqlKind } from './sources.js';
import type { PgNode, SqlStatement } from './types.js';

let parser: PgParser<17> | undefined;

/**
 * Parse Supabase migrations and schema scripts (with the real Postgres 17 parser, compiled to WASM) and
 * `supabase/config.toml`, once per scan, before the project model is built. A file that does not parse gets
 * `parseError`, which the scan turns into a notification.
 */
export async function parseDatabaseFiles(files: SourceFile[]): Promise<void> {
  for (const file of files) {
    // A migration may already hold its statements, kept from an earlier scan of the same text (and read only
    // when used: asking whether it has them must not read them).
    const kind = file.language === 'sql' && !file.buildOutput ? supabaseSqlKind(file.path)?.kind : undefined;
    if (kind && (kind !== 'loose' || isSupabaseScript(file.path, file.text, file.package))) {
      if (!('sql' in file) && !('parseError' in file)) await parseSqlFile(file);
    }
    else if (supabaseConfigDir(file.path) !== undefined) parseConfigToml(file);
  }
}

async function parseSqlFile(file: SourceFile): Promise<void> {
  parser ??= new PgParser({ version: 17 });
  const result = await parser.parse(file.text);
  const bytes = new TextEncoder().encode(file.text);
  const toChar = bytes.length === file.text.length ? (b: number) => b : byteToCharMapper(bytes);
  if (!result.error) {
    file.sql = await statementsOf(file, result.tree.stmts, 0, toChar);
    return;
  }
  const pos = offsetToPosition(file, toChar(Math.min(result.error.position, bytes.length)));
  // One statement Postgres does not know (`create foreign data wrapper if not exists …`, a psql command) should not
  // hide the tables and policies around it: the others are read one by one.
  const recovered = await statementByStatement(file, toChar);
  file.parseError = { message: result.error.message, line: pos.line, column: pos.column, ...(recovered?.length ? { recovered: recovered.length } : {}) };
  if (recovered?.length) file.sql = recovered;
}

type RawStatement = { stmt?: PgNode; stmt_location?: number; stmt_len?: number };

/** The statements of a parse, placed in the file: `base` is the byte offset the parsed text starts at. */
async function statementsOf(file: SourceFile, stmts: unknown, base: number, toChar: (b: number) => number, limit = file.text.length): Promise<SqlStatement[]> {
  const statements: SqlStatement[] = [];
  for (const raw of (stmts ?? []) as RawStatement[]) {
    if (!raw.stmt) continue;
    const from = toChar(base + (raw.stmt_location ?? 0));
    const to = raw.stmt_len ? toChar(base + (raw.stmt_location ?? 0) + raw.stmt_len) : limit;
    const start = skipTrivia(file.text, from, to);
    const statement: SqlStatement = { node: raw.stmt, start, end: to, line: offsetToPosition(file, start).line };
    statements.push(statement);
    // What a DO block runs with EXECUTE follows it, as the statements it runs.
    if (raw.stmt.DoStmt) statements.push(...(await executedBy(file, statement)));
  }
  return statements;
}

/**
 * The statements of a file that does not parse as a whole, each parsed on its own (split at the semicolons Postgres's
 * own scanner finds, so none inside a string or a function body): those that parse, in order. Undefined when the text
 * cannot even be scanned (an unterminated string or comment).
 */
async function statementByStatement(file: SourceFile, toChar: (b: number) => number): Promise<SqlStatement[] | undefined> {
  const scanned = await parser!.scan(file.text);
  if (scanned.error) return undefined;
  const ends = scanned.tokens.filter((t) => t.kind === 'ASCII_59').map((t) => t.end);
  const last = scanned.tokens[scanned.tokens.length - 1]?.end ?? 0;
  if (ends[ends.length - 1] !== last) ends.push(last);
  const out: SqlStatement[] = [];
  let from = 0;
  for (const end of ends) {
    const text = file.text.slice(toChar(from), toChar(end));
    let result = await parser!.parse(text);
    // `create policy if not exists` is what the author meant, though Postgres has no such clause: read as the policy it
    // names, blanked to the same length so that offsets stay where they are.
    if (result.error && POLICY_IF_NOT_EXISTS.test(text)) result = await parser!.parse(text.replace(POLICY_IF_NOT_EXISTS, (m, head: string, clause: string) => head + ' '.repeat(clause.length)));
    if (!result.error) out.push(...(await statementsOf(file, result.tree.stmts, from, toChar, toChar(end))));
    from = end;
  }
  return out;
}

const POLICY_IF_NOT_EXISTS = /^((?:\s|--[^\n]*\n)*create\s+policy\s+)(if\s+not\s+exists)\b/i;

/** The statements a PL/pgSQL DO block runs with EXECUTE, where its text says what they are (./do-blocks.ts). */
async function executedBy(file: SourceFile, statement: SqlStatement): Promise<SqlStatement[]> {
  const args = (statement.node.DoStmt.args ?? []) as PgNode[];
  const option = (name: string) => args.find((a) => a.DefElem?.defname === name)?.DefElem.arg?.String?.sval as string | undefined;
  const body = option('as');
  const language = option('language')?.toLowerCase() ?? 'plpgsql';
  if (body === undefined || language !== 'plpgsql') return [];
  // The body as written (between dollar quotes it is the text itself), so that each EXECUTE is placed on its own line.
  const at = file.text.slice(statement.start, statement.end).indexOf(body);
  const out: SqlStatement[] = [];
  for (const run of executedStatements(body, at < 0 ? -1 : statement.start + at, statement)) {
    const result = await parser!.parse(run.sql);
    // SQL a block builds that does not parse is left out: Postgres would fail on it when the block runs.
    if (result.error) continue;
    for (const raw of (result.tree.stmts ?? []) as { stmt?: PgNode }[]) {
      if (!raw.stmt) continue;
      out.push({ node: raw.stmt, start: run.start, end: run.end, line: offsetToPosition(file, run.start).line, ...(run.eachTableIn !== undefined ? { eachTableIn: run.eachTableIn, ...(run.except ? { except: run.except } : {}) } : {}) });
    }
  }
  return out;
}

function parseConfigToml(file: SourceFile): void {
  try {
    file.toml = parseToml(file.text) as Record<string, unknown>;
  } catch (err) {
    const e = err as TomlError;
    file.parseError = { message: e.message.split('\n')[0], line: e.line ?? 1, column: e.column ?? 1 };
  }
}

/** The parser reports UTF-8 byte offsets; the rest of vibeaudit counts UTF-16 characters. */
function byteToCharMapper(bytes: Uint8Array): (b: number) => number {
  const map = new Uint32Array(bytes.length + 1);
  let chars = 0;
  for (let i = 0; i < bytes.length; i++) {
    map[i] = chars;
    const b = bytes[i];
    // A continuation byte adds no character; a 4-byte sequence is two UTF-16 units.
    if ((b & 0xc0) !== 0x80) chars += b >= 0xf0 ? 2 : 1;
  }
  map[bytes.length] = chars;
  return (b) => map[Math.max(0, Math.min(b, bytes.length))];
}

/** A statement's reported start includes the comments and blank lines before it. */
function skipTrivia(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';') i++;
    else if (text.startsWith('--', i)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? to : nl + 1;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? to : close + 2;
    } else break;
  }
  return Math.min(i, to);
}
