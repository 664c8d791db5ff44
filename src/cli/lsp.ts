import type { Readable, Writable } from 'node:stream';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../lsp/server.js';

/**
 * `vibeaudit lsp`: a language server on stdin/stdout until the client closes the connection. stdout carries
 * only JSON-RPC, so nothing else may print there: console output goes to the client's log instead.
 */
export function runLanguageServer(input: Readable, output: Writable): Promise<void> {
  const connection = createConnection(ProposedFeatures.all, input, output);
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = console.log;
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  // A bug in a rule must not take the editor's diagnostics down with it.
  process.on('uncaughtException', (err) => connection.console.error(`vibeaudit: internal error: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (err) => connection.console.error(`vibeaudit: internal error: ${String(err)}`));
  return new Promise((resolve) => {
    connection.onExit(() => resolve());
    input.on('end', () => resolve());
    startServer(connection);
  });
}
