//! The Tauri commands, one file per group of verbs. Each returns the new [`AppView`]
//! (the same one the `view` event carries), but `catalog` (the window's words) and
//! `activity`/`clear_activity` (the Activity view's [`activity::ActivityView`]). Input
//! the shell refuses (an invalid client ID, an unknown scope) is returned as an error;
//! failures of the operation itself go into `AppView.error`, where they stay until
//! dismissed or resolved (the Activity view's own failures are returned as errors).

pub mod accounts;
pub mod activity;
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
