//! The native integration tests, one binary: each module is one feature's
//! tests (scenario in, transcript or counts out), and `support` holds what
//! they share. One binary links the core once instead of once a file.
//!
//! Run one feature's tests with `cargo test --test native <module>::`, for
//! example `cargo test --test native tours::`. Native only: the browser's
//! tests are `tests/web.rs`.

#![cfg(not(target_arch = "wasm32"))]

#[path = "../support/mod.rs"]
mod support;

mod attacks;
mod coat_check;
mod fork;
mod fuzz;
mod inspector;
mod jar_conformance;
mod json;
mod lifecycle;
mod properties;
mod real;
mod refresh;
mod scale;
mod scaling;
mod scenarios;
mod shared_links;
mod tidy;
mod timeline;
mod token_properties;
mod token_version;
mod token_wording;
mod tokens;
mod tours;
mod transcript_cli;
