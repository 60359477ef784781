//! End-to-end tests of the `ura` binary.

mod align;
mod formats;
mod hostile;
mod split;
mod tmx;
mod util;
