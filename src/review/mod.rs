//! `ura review`: a local page where a reviewer fixes an alignment.

pub(crate) mod file;
pub(crate) mod state;
