//! End-to-end tests of the `ura` binary.

mod align;
mod batch;
mod browser;
mod convert;
mod first_run;
mod formats;
mod hostile;
mod office;
mod pdf_subtitles;
mod review;
mod split;
mod tmx;
mod util;
mod web;
