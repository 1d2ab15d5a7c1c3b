; A position block folds to its head; so does a rule written over several lines.
(position) @fold
(rule) @fold
