//! End-to-end tests of the `ura` binary.

mod align;
mod split;
mod tmx;
mod util;
