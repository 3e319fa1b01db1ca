//! The stepper's figures the scale lab charges, written down: for each kind
//! of run the lab accepts, the store commands each kind of request runs
//! ([`RequestCommands::counted_for`]) and how long a stolen credential
//! stays usable after revocation
//! ([`stolen_credential_window`](crate::labs::revocation::stolen_credential_window)).
//!
//! Both are plays in the [`World`](crate::sim::world::World), and both
//! depend on four settings only: the store layout, the mechanism, the
//! denylist and refresh tokens; the lab accepts seven combinations of them
//! ([`ScaleConfig::check`]). So the figures are data here, and the labs'
//! wasm module, which has no stepper of its own, reads them instead of
//! playing them. Nothing here is assumed: `tests/native/scale.rs` plays
//! every combination the lab accepts in the stepper and fails when a row
//! differs (`UPDATE_SNAPSHOTS=1 cargo test --test native scale` writes the
//! rows again after the engine changes).

use crate::labs::revocation::{RevocationWindow, WATCH_SECS};
use crate::labs::scale::{RequestCommands, ScaleConfig};
use crate::library::token::Mechanism;
use crate::library::topology::StoreLayout;

/// One kind of run and what the stepper measured for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeasuredRun {
    /// Where the records live.
    pub layout: StoreLayout,
    /// Sessions or signed tokens.
    pub mechanism: Mechanism,
    /// Whether a token server keeps a denylist.
    pub denylist: bool,
    /// Whether a token server renews short access tokens with refresh tokens.
    pub refresh: bool,
    /// What each kind of request runs in the stepper.
    pub commands: RequestCommands,
    /// How long Mallory's copy kept working in the stepper.
    pub revocation: RevocationWindow,
}

/// The stepper's figures for the run's layout, mechanism, denylist and
/// refresh tokens; `None` for a combination [`ScaleConfig::check`] refuses
/// (a denylist or refresh tokens without tokens on the shared store).
pub fn measured(config: &ScaleConfig) -> Option<&'static MeasuredRun> {
    MEASURED.iter().find(|row| {
        (row.layout, row.mechanism, row.denylist, row.refresh)
            == (config.layout, config.mechanism, config.denylist, config.refresh)
    })
}

/// Every combination the lab accepts, as the stepper plays it today.
pub const MEASURED: &[MeasuredRun] = &[
    // Written by tests/native/scale.rs (UPDATE_SNAPSHOTS=1); edit the engine, not these rows.
    // BEGIN MEASURED
    MeasuredRun {
        layout: StoreLayout::PerServer,
        mechanism: Mechanism::ServerSession,
        denylist: false,
        refresh: false,
        commands: RequestCommands { login: 1, relogin: 2, rotated: 3, found: 2, missed: 1, renewal: 0 },
        revocation: RevocationWindow { usable_secs: Some(0), attempts: 1, watch_secs: WATCH_SECS },
    },
    MeasuredRun {
        layout: StoreLayout::PerServer,
        mechanism: Mechanism::Token,
        denylist: false,
        refresh: false,
        commands: RequestCommands { login: 0, relogin: 0, rotated: 0, found: 0, missed: 0, renewal: 0 },
        revocation: RevocationWindow { usable_secs: Some(900), attempts: 76, watch_secs: WATCH_SECS },
    },
    MeasuredRun {
        layout: StoreLayout::Shared,
        mechanism: Mechanism::ServerSession,
        denylist: false,
        refresh: false,
        commands: RequestCommands { login: 3, relogin: 4, rotated: 4, found: 2, missed: 1, renewal: 0 },
        revocation: RevocationWindow { usable_secs: Some(0), attempts: 1, watch_secs: WATCH_SECS },
    },
    MeasuredRun {
        layout: StoreLayout::Shared,
        mechanism: Mechanism::Token,
        denylist: false,
        refresh: false,
        commands: RequestCommands { login: 0, relogin: 0, rotated: 0, found: 0, missed: 0, renewal: 0 },
        revocation: RevocationWindow { usable_secs: Some(900), attempts: 76, watch_secs: WATCH_SECS },
    },
    MeasuredRun {
        layout: StoreLayout::Shared,
        mechanism: Mechanism::Token,
        denylist: true,
        refresh: false,
        commands: RequestCommands { login: 0, relogin: 0, rotated: 0, found: 1, missed: 0, renewal: 0 },
        revocation: RevocationWindow { usable_secs: Some(0), attempts: 1, watch_secs: WATCH_SECS },
    },
    MeasuredRun {
        layout: StoreLayout::Shared,
        mechanism: Mechanism::Token,
        denylist: false,
        refresh: true,
        commands: RequestCommands { login: 2, relogin: 2, rotated: 2, found: 0, missed: 0, renewal: 4 },
        revocation: RevocationWindow { usable_secs: Some(300), attempts: 66, watch_secs: WATCH_SECS },
    },
    MeasuredRun {
        layout: StoreLayout::Shared,
        mechanism: Mechanism::Token,
        denylist: true,
        refresh: true,
        commands: RequestCommands { login: 2, relogin: 2, rotated: 2, found: 1, missed: 0, renewal: 5 },
        revocation: RevocationWindow { usable_secs: Some(0), attempts: 1, watch_secs: WATCH_SECS },
    },
    // END MEASURED
];
