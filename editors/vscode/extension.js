// Plain JavaScript (CommonJS), so the extension needs no build step: `vsce package` ships this file as is.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/**
 * How to run `vibeaudit lsp --stdio`: the `vibeaudit.path` setting, else the workspace's own install
 * (the version its CI runs), else `npx vibeaudit`.
 */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration('vibeaudit').get('path', '').trim();
  if (configured) return { command: configured, args: ['lsp'] };
  const windows = process.platform === 'win32';
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, 'node_modules', '.bin', windows ? 'vibeaudit.cmd' : 'vibeaudit');
    if (existsSync(local)) return { command: local, args: ['lsp'] };
  }
  return { command: windows ? 'npx.cmd' : 'npx', args: ['--yes', 'vibeaudit', 'lsp'] };
}

async function start(context) {
  const { command, args } = serverCommand();
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  // TransportKind.stdio makes the client append `--stdio`, which `vibeaudit lsp` accepts.
  const run = { command, args, transport: TransportKind.stdio, options: { cwd, shell: process.platform === 'win32' } };
  client = new LanguageClient(
    'vibeaudit',
    'vibeaudit',
    { run, debug: run },
    {
      documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
      // New, deleted and renamed files change the project model (roles, imports, routes).
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*') },
    },
  );
  context.subscriptions.push(client);
  await client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('vibeaudit.restart', async () => {
      if (client) await client.stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('vibeaudit.path')) return;
      if (client) await client.stop();
      await start(context);
    }),
  );
  await start(context);
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
