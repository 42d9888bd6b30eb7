//! Scenario files: arbitrary bytes, lossily as UTF-8, to the loader (`parse_file` and
//! `Catalogue::add_file`). See `badtls_servers::fuzzing::scenario_parser` for the checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| badtls_servers::fuzzing::scenario_parser(data));
