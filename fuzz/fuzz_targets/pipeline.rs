//! Fuzz target `pipeline`: see `argcheck_fuzz::pipeline`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    argcheck_fuzz::pipeline(data);
});
