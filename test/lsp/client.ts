import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createConnection,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { startServer } from '../../src/lsp/server.js';
import { BIN } from '../helpers/run-cli.js';

type Waiter = { uri: string; test: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void };

/** An LSP client as an editor is one: sends notifications, waits for `publishDiagnostics` with a timeout. */
export class TestClient {
  readonly published = new Map<string, Diagnostic[]>();
  readonly logs: { type: number; message: string }[] = [];
  private waiters: Waiter[] = [];
  private versions = new Map<string, number>();

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly stop: () => void,
    private readonly sendExit = true,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p.diagnostics);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.test(p.diagnostics)) return true;
        w.resolve(p.diagnostics);
        return false;
      });
    });
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => void this.logs.push(p));
    connection.listen();
  }

  /** The real thing: `node dist/bundle/bin.js lsp --stdio`. */
  static spawn(): TestClient {
    const child: ChildProcess = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    return new TestClient(connection, () => child.kill());
  }

  /** The server in this process over in-memory streams (faster; same code past the transport). */
  static inMemory(): TestClient {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    startServer(createConnection(toServer, toClient));
    const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    // The streams stay open: the library ends the process when its input closes.
    return new TestClient(connection, () => undefined, false);
  }

  async initialize(root: string, debounceMs = 20): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {},
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'app' }],
      initializationOptions: { debounceMs },
    });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  open(uri: string, text: string, languageId = 'typescript'): Promise<void> {
    this.versions.set(uri, 1);
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replace the whole text, as a client without incremental sync would. */
  change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  save(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0].range;
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } }) as Promise<CodeAction[]>;
  }

  /** The next (or already published) diagnostics for `uri` that pass `test`; rejects after `timeoutMs`. */
  diagnostics(uri: string, test: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 20000): Promise<Diagnostic[]> {
    const current = this.published.get(uri);
    if (current && test(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { uri, test, resolve };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.published.get(uri))}; logs: ${JSON.stringify(this.logs)}`));
      }, timeoutMs);
      waiter.resolve = (d) => {
        clearTimeout(timer);
        resolve(d);
      };
      this.waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      if (this.sendExit) await this.connection.sendNotification('exit');
    } catch {
      /* the server may already be gone */
    }
    this.connection.dispose();
    this.stop();
  }
}
