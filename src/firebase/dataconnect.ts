import { createRequire } from 'node:module';
import type { DocumentNode, GraphQLError } from 'graphql';
import type * as GraphqlParser from 'graphql/language/parser.js';
import type { ParseError } from '../parse/types.js';

/**
 * Firebase Data Connect connectors: the queries and mutations (`.gql`) an app's clients may run, each with an
 * `@auth` directive that says who may run it. Parsed with the `graphql` package's parser, loaded only when a
 * project has such files (most have none).
 */
let parser: typeof GraphqlParser | undefined;
const load = (): typeof GraphqlParser => (parser ??= createRequire(import.meta.url)('graphql/language/parser.js') as typeof GraphqlParser);

/**
 * A connector file: `.gql` (Data Connect's extension; `.graphql` only in a `dataconnect/` folder) holding an
 * operation with `@auth(`, which no other GraphQL dialect puts on operations.
 */
export function isDataConnectSource(path: string, text: string): boolean {
  if (!/\.gql$/i.test(path) && !(/\.graphql$/i.test(path) && /(?:^|\/)dataconnect\//i.test(path))) return false;
  return /@auth\s*\(/.test(text);
}

export function parseDataConnect(text: string): { doc?: DocumentNode; error?: ParseError } {
  try {
    return { doc: load().parse(text) };
  } catch (err) {
    // The parser recurses once per level: a hostile file nested thousands deep runs out of stack, caught here.
    if (err instanceof RangeError) return { error: { message: 'GraphQL: nested too deeply to parse', line: 1, column: 1 } };
    const e = err as GraphQLError;
    const at = e.locations?.[0];
    return { error: { message: `GraphQL: ${e.message.split('\n')[0]}`, line: at?.line ?? 1, column: at?.column ?? 1 } };
  }
}
