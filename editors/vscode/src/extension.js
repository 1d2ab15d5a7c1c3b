// The argcheck extension: highlighting comes from the TextMate grammar declared in package.json;
// this file starts the language server, `argcheck lsp`, over stdio and restarts it on request or
// when its settings change.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** The command that runs the server, from the settings `argcheck.server.*`. */
function serverCommand(config) {
  const path = (config.get('server.path') || '').trim() || 'argcheck';
  const extra = config.get('server.extraArgs') || [];
  return { command: path, args: ['lsp', ...extra] };
}

function createClient() {
  const config = vscode.workspace.getConfiguration('argcheck');
  const { command, args } = serverCommand(config);
  const executable = { command, args, transport: TransportKind.stdio };
  /** @type {import('vscode-languageclient/node').ServerOptions} */
  const serverOptions = { run: executable, debug: executable };
  /** @type {import('vscode-languageclient/node').LanguageClientOptions} */
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'argcheck' },
      { scheme: 'untitled', language: 'argcheck' },
    ],
    synchronize: {
      // Imported files change verdicts: tell the server when any .rules file changes on disk.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.rules'),
    },
  };
  // The id `argcheck` makes the client read `argcheck.trace.server`.
  return new LanguageClient('argcheck', 'argcheck language server', serverOptions, clientOptions);
}

async function start() {
  client = createClient();
  try {
    await client.start();
  } catch (err) {
    const { command } = serverCommand(vscode.workspace.getConfiguration('argcheck'));
    const choice = await vscode.window.showErrorMessage(
      `argcheck: could not start the language server \`${command} lsp\` (${err && err.message ? err.message : err}). ` +
        'Install argcheck (cargo install --path . in its repository) or set "argcheck.server.path".',
      'Open settings',
    );
    if (choice === 'Open settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'argcheck.server');
    }
  }
}

async function stop() {
  const running = client;
  client = undefined;
  if (running && running.isRunning()) {
    await running.stop();
  }
}

async function restart() {
  await stop();
  await start();
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('argcheck.restartServer', restart),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('argcheck.server')) {
        restart();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate, serverCommand };
