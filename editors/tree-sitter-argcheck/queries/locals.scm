; Scopes: a variable belongs to one rule, one predicate declaration, one query or one expect.
; Names (labels, predicates, sources, positions, constants) are global to the whole program.

(source_file) @local.scope
(rule) @local.scope
(predicate_declaration) @local.scope
(query) @local.scope
(expect) @local.scope

; A predicate declaration's parameters; a rule's variables are bound by its body literals.
(parameters (variable) @local.definition)
(rule body: (body (literal (arguments (variable) @local.definition))))

(variable) @local.reference
