/**
 * @file Tree-sitter grammar for argcheck's `.rules` language.
 * @license MIT
 *
 * The grammar of record is the pest grammar in `grammar/argcheck.pest` with the parser driver in
 * `src/syntax/parse.rs`; this file mirrors both (see README.md, "How this grammar follows pest"):
 *
 * - pest's driver cuts a file into items (statements, `position NAME … {`, `}`) and checks the
 *   nesting of position blocks afterwards; here a position is one node holding its statements, so
 *   that editors can fold it and a nested position, a stray `}` or an unclosed block is an error.
 * - the driver rejects a keyword where a name belongs: here every keyword is a reserved word.
 * - pest's `integer` and `date` must not be followed by a letter, digit or `_` (`!ident_char`), and
 *   the driver rejects an integer outside 64 bits: tree-sitter's regular expressions have no
 *   look-ahead, so both tokens come from the external scanner in `src/scanner.c`.
 * - comments are white space, as the driver's blanking makes them for pest.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const KEYWORDS = [
  'source', 'predicate', 'from', 'position', 'extends', 'reject', 'query', 'expect',
  'holds', 'denied', 'undecided', 'strictly', 'unless', 'import', 'common',
  // Added with the `retract LITERAL.` and `name CONSTANT "Display name".` statements.
  'retract', 'name',
];

/**
 * One or more `rule`s separated by commas.
 * @param {RuleOrLiteral} rule
 */
function commaSep1(rule) {
  return seq(rule, repeat(seq(',', rule)));
}

module.exports = grammar({
  name: 'argcheck',

  // White space is exactly pest's WHITESPACE (no form feed, no Unicode spaces).
  extras: $ => [/[ \t\r\n]/, $.comment],

  externals: $ => [$.integer, $.date],

  word: $ => $.identifier,

  reserved: {
    global: _ => KEYWORDS,
  },

  rules: {
    source_file: $ => repeat(choice($._statement, $.position)),

    // ---------------------------------------------------------------------------------------------
    // Statements

    _statement: $ => choice(
      $.rule,
      $.superiority,
      $.fact,
      $.source_declaration,
      $.predicate_declaration,
      $.name_declaration,
      $.reject_statement,
      $.retract_statement,
      $.query,
      $.expect,
      $.import,
    ),

    /** `personal_immunity: warrant(W, P, F, D), head_of_state(P, S) => immune(P, F) unless own(F) from icj.` */
    rule: $ => seq(
      field('label', $.identifier),
      ':',
      optional(field('body', $.body)),
      field('arrow', $.arrow),
      field('head', $.literal),
      optional(field('unless', $.unless_clause)),
      optional($.from_clause),
      '.',
    ),

    body: $ => commaSep1($._body_item),

    unless_clause: $ => seq('unless', commaSep1($._body_item)),

    _body_item: $ => choice($.literal, $.comparison),

    /** `crimes_exception > personal_immunity.` */
    superiority: $ => seq(
      field('superior', $.identifier),
      '>',
      field('inferior', $.identifier),
      '.',
    ),

    /** `head_of_state(assad, syria) from report_2023.` and `~immune(assad, france).` */
    fact: $ => seq(field('literal', $.literal), optional($.from_clause), '.'),

    /** `source icj_2002 "ICJ, Arrest Warrant, 14 Feb 2002".` */
    source_declaration: $ => seq(
      'source',
      field('name', $.identifier),
      field('citation', $.string),
      '.',
    ),

    /** `predicate immune(Person, Forum) "{Person} is immune from {Forum}".` */
    predicate_declaration: $ => seq(
      'predicate',
      field('name', $.identifier),
      optional(field('parameters', $.parameters)),
      field('template', $.string),
      '.',
    ),

    parameters: $ => seq('(', commaSep1($.variable), ')'),

    /** `name putin "Vladimir Putin".` */
    name_declaration: $ => seq(
      'name',
      field('constant', $.identifier),
      field('display', $.string),
      '.',
    ),

    /** `position ngos "39 NGOs" extends common_ground { … }` */
    position: $ => seq(
      'position',
      field('name', $.identifier),
      optional(field('title', $.string)),
      optional($.extends_clause),
      '{',
      repeat($._statement),
      '}',
    ),

    extends_clause: $ => seq('extends', commaSep1(field('parent', $.identifier))),

    /** `reject crimes_exception.` */
    reject_statement: $ => seq('reject', field('label', $.identifier), '.'),

    /** `retract head_of_state(assad, syria).` */
    retract_statement: $ => seq('retract', field('literal', $.literal), '.'),

    /** `query "Does the challenge hold?" challenge_holds(W).` */
    query: $ => seq(
      'query',
      optional(field('text', $.string)),
      field('literal', $.literal),
      '.',
    ),

    /** `expect ngos: denied strictly challenge_holds(w1).` */
    expect: $ => seq(
      'expect',
      field('position', choice(alias('common', $.common), $.identifier)),
      ':',
      field('verdict', $.verdict),
      field('literal', $.literal),
      '.',
    ),

    verdict: _ => choice(
      seq(choice('holds', 'denied'), optional('strictly')),
      'undecided',
    ),

    /** `import "immunity/common.rules".` */
    import: $ => seq('import', field('path', $.string), '.'),

    from_clause: $ => seq('from', field('source', $.identifier)),

    // ---------------------------------------------------------------------------------------------
    // Literals and terms

    /** `immune(assad, france)`, `~immune(P, F)`, `raining` */
    literal: $ => seq(
      optional(field('negation', $.negation)),
      field('predicate', $.identifier),
      optional(field('arguments', $.arguments)),
    ),

    negation: _ => '~',

    arguments: $ => seq('(', commaSep1($._term), ')'),

    /** `F != S`, `D >= 2002-02-14` */
    comparison: $ => seq(
      field('left', $._term),
      field('operator', $.comparison_operator),
      field('right', $._term),
    ),

    comparison_operator: _ => choice('=', '!=', '<', '<=', '>', '>='),

    arrow: _ => choice('->', '=>', '~>'),

    _term: $ => choice(
      alias($.identifier, $.constant),
      $.variable,
      $.string,
      $.integer,
      $.date,
    ),

    /** A string with the escapes `\"`, `\\`, `\n`, `\t` (any other character, newlines too). */
    string: $ => seq(
      '"',
      repeat(choice(
        alias(token.immediate(prec(1, /[^"\\]+/)), $.string_content),
        $.escape_sequence,
      )),
      token.immediate('"'),
    ),

    escape_sequence: _ => token.immediate(seq('\\', /["\\nt]/)),

    /** `Person`, `_Forum`, `_` */
    variable: _ => /[A-Z_][A-Za-z0-9_]*/,

    /** A name: a constant, predicate, rule label, position or source. */
    identifier: _ => /[a-z][A-Za-z0-9_]*/,

    comment: _ => token(seq('#', /[^\n]*/)),
  },
});
