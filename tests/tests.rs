//! End-to-end tests of the `ura` binary.

mod split;
mod util;
