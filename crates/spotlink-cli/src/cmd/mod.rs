//! One module per verb, each with its `Options` and `run`.

pub mod api;
pub mod completions;
pub mod link;
pub mod refresh;
pub mod scopes;
pub mod status;
pub mod token;
pub mod unlink;
