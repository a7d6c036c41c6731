; The six rules of benches/vs-floor.sh, as in rules/rust.yml (rust/unwrap, rust/expect,
; rust/panic, rust/todo, rust/dbg, rust/unsafe-block): one combined query for the floor.
(call_expression
  function: (field_expression field: (field_identifier) @match)
  (#match? @match "^(r#)?unwrap$"))
(scoped_identifier
  name: (identifier) @match
  (#match? @match "^(r#)?unwrap$"))
(call_expression
  function: (field_expression field: (field_identifier) @match)
  (#eq? @match "expect"))
((macro_invocation macro: (identifier) @name) @match
 (#any-of? @name "panic" "unreachable"))
((macro_invocation macro: (identifier) @name) @match
 (#eq? @name "todo"))
((macro_invocation macro: (identifier) @name) @match
 (#eq? @name "dbg"))
(unsafe_block "unsafe" @match)
