//! Fuzz target `generate`: see `argcheck_fuzz::generate`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    argcheck_fuzz::generate(data);
});
