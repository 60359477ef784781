//! End-to-end tests of the `ura` binary.

mod align;
mod batch;
mod formats;
mod hostile;
mod split;
mod tmx;
mod util;
