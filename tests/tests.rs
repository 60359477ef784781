//! End-to-end tests of the `ura` binary.
