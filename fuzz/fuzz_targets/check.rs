//! Fuzz target `check`: see `argcheck_fuzz::check`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    argcheck_fuzz::check(data);
});
