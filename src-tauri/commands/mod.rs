//! The Tauri commands, one file per group of verbs. Each returns the new [`AppView`]
//! (the same one the `view` event carries). Input the shell refuses (an invalid
//! client ID, an unknown scope) is returned as an error; failures of the operation
//! itself go into `AppView.error`, where they stay until dismissed or resolved.

pub mod accounts;
pub mod catalog;
pub mod link;
pub mod open;
pub mod rendered;
pub mod settings;
pub mod token;
pub mod unlink;
pub mod view;

use crate::error::ErrorView;
use crate::view::AppView;

/// What every command answers.
pub type Reply = Result<AppView, ErrorView>;
