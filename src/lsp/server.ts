import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultConfig } from '../config/types.js';
import { scanVirtual } from '../engine/scan.js';
import { TOOL } from '../engine/version.js';
import { suppressionActions } from './code-actions.js';
import { SerialDebouncer } from './debounce.js';
import { diagnosticsFor } from './diagnostics.js';
import { WorkspaceProject } from './project.js';

const CONFIG_FILES = /(^|\/)\.vibeaudit\.ya?ml$/;

export interface ServerOptions {
  /** Wait this long after the last edit before scanning (initializationOptions.debounceMs overrides it). */
  debounceMs?: number;
}

interface Folder {
  project: WorkspaceProject;
  debouncer: SerialDebouncer;
}

/**
 * The language server: diagnostics for open documents, computed by scanning their whole workspace folder (so
 * roles, imports and routes are the project's) with unsaved buffers in place of the disk, and a quick fix
 * that suppresses a finding. Any error is logged to the client (`window/logMessage`), never thrown.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const folders: Folder[] = [];
  const loose = new Map<string, SerialDebouncer>();
  let debounceMs = options.debounceMs ?? 200;
  const logError = (what: string) => (err: unknown) => connection.console.error(`vibeaudit: ${what}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  const safely =
    <A extends unknown[], R>(what: string, fn: (...args: A) => R, fallback: R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch (err) {
        logError(what)(err);
        return fallback;
      }
    };

  const pathOf = (uri: string): string | undefined => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

  /** The deepest workspace folder holding the document, with its root-relative path. */
  function folderOf(uri: string): { folder: Folder; path: string } | undefined {
    const abs = pathOf(uri);
    if (!abs) return undefined;
    let best: { folder: Folder; path: string } | undefined;
    for (const folder of folders) {
      const path = folder.project.relPath(abs);
      if (path !== undefined && (!best || folder.project.root.length > best.folder.project.root.length)) best = { folder, path };
    }
    return best;
  }

  async function scanFolder(folder: Folder): Promise<void> {
    const { project } = folder;
    const open = documents.all().flatMap((doc) => {
      const at = folderOf(doc.uri);
      return at?.folder === folder ? [{ doc, path: at.path, version: doc.version }] : [];
    });
    if (open.length === 0) return;
    const overlay = new Map(open.map(({ doc, path }) => [path, doc.getText()]));
    const { result, ms, parsed } = await project.scan(overlay);
    connection.console.log(`vibeaudit: scanned ${result.stats.files} files in ${ms} ms (${parsed} parsed, the rest cached)`);
    for (const n of result.notifications) if (n.kind === 'rule-error') connection.console.error(`vibeaudit: ${n.file ?? ''}: ${n.message}`);
    const uriOf = (path: string) => pathToFileURL(`${project.root}/${path}`).href;
    for (const { doc, path, version } of open) {
      // Closed while scanning: its diagnostics were already cleared.
      if (!documents.get(doc.uri)) continue;
      await connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: diagnosticsFor(result.findings, path, uriOf) });
    }
  }

  /** A document outside every workspace folder is scanned alone, by its file name. */
  async function scanLoose(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const name = basename(pathOf(uri) ?? new URL(uri).pathname) || 'untitled';
    const result = await scanVirtual({ [name]: doc.getText() }, { config: defaultConfig(), offline: true });
    if (!documents.get(uri)) return;
    const diagnostics: Diagnostic[] = diagnosticsFor(result.findings, name, () => uri);
    await connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  function schedule(uri: string): void {
    const at = folderOf(uri);
    if (at) return at.folder.debouncer.trigger();
    let debouncer = loose.get(uri);
    if (!debouncer) {
      debouncer = new SerialDebouncer(debounceMs, () => scanLoose(uri), logError(`scanning ${uri} failed`));
      loose.set(uri, debouncer);
    }
    debouncer.trigger();
  }

  function addFolder(uri: string): void {
    const root = pathOf(uri);
    if (!root || folders.some((f) => f.project.root === root)) return;
    const project = new WorkspaceProject(root, (m) => connection.console.warn(m));
    const folder: Folder = { project, debouncer: new SerialDebouncer(debounceMs, () => scanFolder(folder), logError(`scanning ${root} failed`)) };
    folders.push(folder);
  }

  connection.onInitialize(
    safely(
      'initialize',
      (params: InitializeParams): InitializeResult => {
        const init = params.initializationOptions as { debounceMs?: unknown } | undefined;
        if (typeof init?.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
        const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
        for (const uri of roots) addFolder(uri);
        return {
          capabilities: {
            textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
            codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
          },
          serverInfo: { name: TOOL.name, version: TOOL.version },
        };
      },
      { capabilities: {} },
    ),
  );

  // Fired on open and on every edit.
  documents.onDidChangeContent(safely('change', ({ document }) => schedule(document.uri), undefined));
  documents.onDidSave(
    safely(
      'save',
      ({ document }) => {
        const at = folderOf(document.uri);
        if (at && CONFIG_FILES.test(at.path)) at.folder.project.reloadConfig();
        schedule(document.uri);
      },
      undefined,
    ),
  );
  documents.onDidClose(
    safely(
      'close',
      ({ document }) => {
        loose.get(document.uri)?.dispose();
        loose.delete(document.uri);
        void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
      },
      undefined,
    ),
  );

  // Sent when the client watches files (the VS Code extension does): new or deleted files change the project.
  connection.onDidChangeWatchedFiles(
    safely(
      'watched files',
      ({ changes }) => {
        for (const change of changes) {
          const at = folderOf(change.uri);
          if (!at) continue;
          if (CONFIG_FILES.test(at.path)) at.folder.project.reloadConfig();
          else if (change.type !== FileChangeType.Changed) at.folder.project.filesChanged();
          at.folder.debouncer.trigger();
        }
      },
      undefined,
    ),
  );

  connection.onCodeAction(
    safely(
      'code action',
      (params) => {
        const doc = documents.get(params.textDocument.uri);
        if (!doc) return [];
        const path = folderOf(doc.uri)?.path ?? basename(pathOf(doc.uri) ?? new URL(doc.uri).pathname);
        return suppressionActions(doc, path, params.context.diagnostics);
      },
      [],
    ),
  );

  connection.onShutdown(() => {
    for (const f of folders) f.debouncer.dispose();
    for (const d of loose.values()) d.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
