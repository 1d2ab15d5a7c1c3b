// The integer and date tokens of argcheck's `.rules` language, read as pest reads them
// (grammar/argcheck.pest):
//
//   date    = @{ ASCII_DIGIT{4} ~ "-" ~ ASCII_DIGIT{2} ~ "-" ~ ASCII_DIGIT{2} ~ !ident_char }
//   integer = @{ "-"? ~ ASCII_DIGIT+ ~ !ident_char }
//
// A date is tried first. The `!ident_char` look-ahead (no letter, digit or `_` right after the
// token) cannot be written as a tree-sitter regular expression: without it `12from` would read as
// `12 from`, where pest reports an error. The parser driver also rejects an integer that does not
// fit in 64 bits (src/syntax/parse.rs); so does this scanner. A date that does not exist in the
// calendar (`2023-02-30`) is a token here: argcheck reports it as `invalid_date`, not as a syntax
// error. The scanner keeps no state.

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <string.h>

enum TokenType { INTEGER, DATE };

void *tree_sitter_argcheck_external_scanner_create(void) { return NULL; }
void tree_sitter_argcheck_external_scanner_destroy(void *payload) { (void)payload; }
unsigned tree_sitter_argcheck_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}
void tree_sitter_argcheck_external_scanner_deserialize(void *payload, const char *buffer,
                                                       unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

static bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }

static bool is_ident_char(int32_t c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// Whether `digits` (without sign, leading zeros removed, `len` of them) fits in an i64.
static bool fits_i64(const char *digits, unsigned len, bool negative) {
  static const char MAX[] = "9223372036854775807";
  static const char MIN[] = "9223372036854775808";
  const unsigned limit_len = sizeof(MAX) - 1;
  if (len < limit_len) return true;
  if (len > limit_len) return false;
  return memcmp(digits, negative ? MIN : MAX, limit_len) <= 0;
}

bool tree_sitter_argcheck_external_scanner_scan(void *payload, TSLexer *lexer,
                                                const bool *valid_symbols) {
  (void)payload;
  if (!valid_symbols[INTEGER] && !valid_symbols[DATE]) return false;
  // pest's WHITESPACE; comments are left to the grammar's `extras`.
  while (lexer->lookahead == ' ' || lexer->lookahead == '\t' || lexer->lookahead == '\r' ||
         lexer->lookahead == '\n') {
    lexer->advance(lexer, true);
  }
  bool negative = false;
  if (lexer->lookahead == '-') {
    negative = true;
    lexer->advance(lexer, false);
  }
  if (!is_digit(lexer->lookahead)) return false;

  // The significant digits (leading zeros dropped), enough to compare with the i64 bounds.
  char digits[24];
  unsigned len = 0;
  unsigned count = 0;  // every digit, leading zeros too
  bool overflow = false;
  while (is_digit(lexer->lookahead)) {
    if (len > 0 || lexer->lookahead != '0') {
      if (len < sizeof(digits)) {
        digits[len++] = (char)lexer->lookahead;
      } else {
        overflow = true;
      }
    }
    count++;
    lexer->advance(lexer, false);
  }

  if (!negative && count == 4 && lexer->lookahead == '-') {
    // Perhaps a date: if not, the integer is the four digits just read (pest's `date | integer`).
    lexer->mark_end(lexer);
    lexer->advance(lexer, false);
    bool date = true;
    for (int part = 0; part < 2 && date; part++) {
      if (part == 1) {
        if (lexer->lookahead == '-') {
          lexer->advance(lexer, false);
        } else {
          date = false;
          break;
        }
      }
      for (int i = 0; i < 2; i++) {
        if (!is_digit(lexer->lookahead)) {
          date = false;
          break;
        }
        lexer->advance(lexer, false);
      }
    }
    if (date && !is_ident_char(lexer->lookahead) && valid_symbols[DATE]) {
      lexer->mark_end(lexer);
      lexer->result_symbol = DATE;
      return true;
    }
    // The integer ended before the `-`, which is no identifier character.
    if (!valid_symbols[INTEGER]) return false;
    lexer->result_symbol = INTEGER;
    return fits_i64(digits, len, false);
  }

  if (is_ident_char(lexer->lookahead)) return false;
  if (!valid_symbols[INTEGER]) return false;
  if (overflow || !fits_i64(digits, len, negative)) return false;
  lexer->mark_end(lexer);
  lexer->result_symbol = INTEGER;
  return true;
}
