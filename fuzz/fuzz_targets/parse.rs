//! Fuzz target `parse`: see `argcheck_fuzz::parse`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    argcheck_fuzz::parse(data);
});
