// The `.rules` highlighter's tokens (it only colours; the library checks).
import test from 'node:test';
import assert from 'node:assert/strict';
import { tokens } from '../src/rules-mode.js';

const style = (text, word) => tokens(text).find(([t]) => t === word)?.[1];

test('statements are coloured by what each word is', () => {
  const text = [
    '# a comment',
    'source icj "ICJ, 14 Feb 2002".',
    'predicate immune(P, F) "{P} is immune from {F}".',
    'warrant(w1, assad, france, 2023-11-16) from icj.',
    'personal: warrant(W, P, F, D), D >= 2020-01-01 => immune(P, F) unless own(F) from icj.',
    'crimes: warrant(W, P, F, D) ~> ~immune(P, F).',
    'strictly_rule: a -> b.',
    'position court "Court" extends ngos, other {',
    '    personal > crimes.',
    '    reject crimes.',
    '}',
    'expect court: holds immune(assad, france).',
    'query "Q?" immune(X, Y).',
  ].join('\n');
  assert.equal(style(text, '# a comment'), 'comment');
  assert.equal(style(text, 'source'), 'keyword');
  assert.equal(style(text, 'icj'), 'source');
  assert.equal(style(text, '"ICJ, 14 Feb 2002"'), 'string');
  assert.equal(style(text, 'immune'), 'predicate');
  assert.equal(style(text, 'P'), 'variable');
  assert.equal(style(text, 'assad'), 'constant');
  assert.equal(style(text, '2023-11-16'), 'date');
  assert.equal(style(text, 'personal'), 'label');
  assert.equal(style(text, '=>'), 'arrow');
  assert.equal(style(text, '~>'), 'arrow');
  assert.equal(style(text, '->'), 'arrow');
  assert.equal(style(text, '~'), 'negation');
  assert.equal(style(text, '>='), 'compareOperator');
  assert.equal(style(text, 'unless'), 'keyword');
  assert.equal(style(text, 'court'), 'position');
  assert.equal(style(text, 'extends'), 'keyword');
  assert.equal(style(text, 'ngos'), 'position');
  assert.equal(style(text, 'other'), 'position');
  assert.equal(style(text, 'reject'), 'keyword');
  assert.equal(style(text, 'holds'), 'keyword');
  // After `personal >` inside the block, `crimes` is a rule label, as after `reject`.
  const block = tokens('position p {\n    personal > crimes.\n    reject crimes.\n}');
  assert.deepEqual(block.filter(([t]) => t === 'crimes').map(([, s]) => s), ['label', 'label']);
  assert.equal(tokens('personal > crimes.').find(([t]) => t === 'personal')[1], 'label');
  // A keyword used as a predicate name is a predicate.
  assert.equal(style('query source(x).', 'source'), 'predicate');
});
