// The client's behaviour without VS Code: `vscode` and `vscode-languageclient/node` are replaced by
// recording fakes, so these tests check which command the extension starts, with which options,
// and what it does when the server cannot start or the settings change.
'use strict';

const assert = require('node:assert/strict');
const Module = require('node:module');
const path = require('node:path');
const { test, beforeEach } = require('node:test');

let settings;
let clients;
let errors;
let commands;
let configListeners;
let startFails;

const fakeVscode = {
  workspace: {
    getConfiguration: (section) => {
      assert.equal(section, 'argcheck');
      return { get: (key) => settings[key] };
    },
    createFileSystemWatcher: (glob) => ({ glob }),
    onDidChangeConfiguration: (listener) => {
      configListeners.push(listener);
      return { dispose() {} };
    },
  },
  window: {
    showErrorMessage: async (message) => {
      errors.push(message);
      return undefined;
    },
  },
  commands: {
    registerCommand: (name, fn) => {
      commands[name] = fn;
      return { dispose() {} };
    },
    executeCommand: async () => {},
  },
};

class FakeLanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions, running: false, stopped: false });
    clients.push(this);
  }
  async start() {
    if (startFails) throw new Error('spawn argcheck ENOENT');
    this.running = true;
  }
  isRunning() {
    return this.running;
  }
  async stop() {
    this.running = false;
    this.stopped = true;
  }
}

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'vscode') return fakeVscode;
  if (request === 'vscode-languageclient/node') {
    return { LanguageClient: FakeLanguageClient, TransportKind: { stdio: 0 } };
  }
  return originalLoad.call(this, request, parent, isMain);
};
const extension = require(path.join(__dirname, '..', 'src', 'extension.js'));

const context = () => ({ subscriptions: [] });

beforeEach(async () => {
  await extension.deactivate();
  settings = {};
  clients = [];
  errors = [];
  commands = {};
  configListeners = [];
  startFails = false;
});

test('starts `argcheck lsp` over stdio by default', async () => {
  await extension.activate(context());
  assert.equal(clients.length, 1);
  const c = clients[0];
  assert.equal(c.id, 'argcheck');
  assert.deepEqual(c.serverOptions.run, { command: 'argcheck', args: ['lsp'], transport: 0 });
  assert.deepEqual(c.serverOptions.debug, c.serverOptions.run);
  assert.deepEqual(c.clientOptions.documentSelector.map((s) => s.language), ['argcheck', 'argcheck']);
  assert.equal(c.clientOptions.synchronize.fileEvents.glob, '**/*.rules');
  assert.ok(c.running);
});

test('argcheck.server.path and extraArgs choose the command', async () => {
  settings = { 'server.path': ' /opt/argcheck/bin/argcheck ', 'server.extraArgs': ['--timeout', '5'] };
  await extension.activate(context());
  assert.deepEqual(clients[0].serverOptions.run.command, '/opt/argcheck/bin/argcheck');
  assert.deepEqual(clients[0].serverOptions.run.args, ['lsp', '--timeout', '5']);
});

test('an empty path falls back to argcheck on PATH', () => {
  const get = (key) => ({ 'server.path': '  ' })[key];
  assert.deepEqual(extension.serverCommand({ get }), { command: 'argcheck', args: ['lsp'] });
});

test('a server that cannot start is reported, naming the setting', async () => {
  startFails = true;
  settings = { 'server.path': 'nowhere/argcheck' };
  await extension.activate(context());
  assert.equal(errors.length, 1);
  assert.match(errors[0], /nowhere\/argcheck lsp/);
  assert.match(errors[0], /argcheck\.server\.path/);
});

test('changing the server settings restarts the server; other settings do not', async () => {
  await extension.activate(context());
  assert.equal(configListeners.length, 1);
  configListeners[0]({ affectsConfiguration: (s) => s === 'editor.fontSize' });
  await new Promise((r) => setImmediate(r));
  assert.equal(clients.length, 1);
  settings = { 'server.path': 'other' };
  configListeners[0]({ affectsConfiguration: (s) => s === 'argcheck.server' });
  await new Promise((r) => setImmediate(r));
  assert.equal(clients.length, 2);
  assert.ok(clients[0].stopped);
  assert.equal(clients[1].serverOptions.run.command, 'other');
});

test('the restart command stops the running client and starts a new one', async () => {
  await extension.activate(context());
  await commands['argcheck.restartServer']();
  assert.equal(clients.length, 2);
  assert.ok(clients[0].stopped);
  assert.ok(clients[1].running);
});

test('package.json declares the language, grammar, command and settings the code uses', () => {
  const fs = require('node:fs');
  const root = path.join(__dirname, '..');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const lang = pkg.contributes.languages.find((l) => l.id === 'argcheck');
  assert.deepEqual(lang.extensions, ['.rules']);
  assert.ok(fs.existsSync(path.join(root, lang.configuration)));
  const grammar = pkg.contributes.grammars.find((g) => g.language === 'argcheck');
  const tm = JSON.parse(fs.readFileSync(path.join(root, grammar.path), 'utf8'));
  assert.equal(tm.scopeName, grammar.scopeName);
  assert.ok(pkg.contributes.commands.some((c) => c.command === 'argcheck.restartServer'));
  const props = pkg.contributes.configuration.properties;
  assert.equal(props['argcheck.server.path'].default, 'argcheck');
  assert.ok(props['argcheck.trace.server']);
  assert.equal(pkg.main, './src/extension.js');
  const langConf = JSON.parse(fs.readFileSync(path.join(root, lang.configuration), 'utf8'));
  assert.equal(langConf.comments.lineComment, '#');
  const word = new RegExp(langConf.wordPattern, 'g');
  assert.deepEqual('head_of_state(P, 2023-11-16, -3)'.match(word), ['head_of_state', 'P', '2023-11-16', '-3']);
});
