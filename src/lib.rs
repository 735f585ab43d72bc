//! Contested Waters: an offline map explorer for the disputed East and South China seas.
//!
//! Data flows one way: [`io`] parses files into the [`model`], [`map`] projects and indexes it
//! for the screen, and [`app`] with its [`ui`] panels shows it.

pub mod app;
pub mod cli;
pub mod io;
pub mod loader;
pub mod map;
pub mod model;
pub mod ui;
pub mod workbench_cli;
