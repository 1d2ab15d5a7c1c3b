; Highlights for argcheck `.rules` files. Capture names follow the common tree-sitter set
; (nvim-treesitter, Helix, Zed). No node is captured by two patterns: the first pattern wins in the
; tree-sitter CLI, Helix and Zed, the last in Neovim, and this file reads the same in both orders.

(comment) @comment

; Keywords
[
  "source"
  "predicate"
  "name"
  "position"
  "extends"
  "reject"
  "retract"
  "query"
  "expect"
  "unless"
  "from"
] @keyword

"import" @keyword.import

; Verdict words and the `common` ground.
(verdict) @constant.builtin
(common) @constant.builtin

; Declarations and references of the theory's named things.
(rule label: (identifier) @label)
(superiority superior: (identifier) @label inferior: (identifier) @label)
(reject_statement label: (identifier) @label)

(source_declaration name: (identifier) @module)
(from_clause source: (identifier) @module)

(position name: (identifier) @type)
(extends_clause parent: (identifier) @type)
(expect position: (identifier) @type)

(predicate_declaration name: (identifier) @function)
(literal predicate: (identifier) @function)

(name_declaration constant: (identifier) @constant)

; Terms
(parameters (variable) @variable.parameter)
(arguments (variable) @variable)
(comparison (variable) @variable)
(constant) @constant
(string) @string
(escape_sequence) @string.escape
(integer) @number
(date) @number

; Operators and punctuation
(negation) @operator
(arrow) @operator
(comparison_operator) @operator
(superiority ">" @operator)

["(" ")" "{" "}"] @punctuation.bracket
["," "." ":"] @punctuation.delimiter
