//! How long a stolen credential keeps working after it is revoked, measured
//! by playing the theft in a [`World`] on its simulated clock.
//!
//! The scale lab counts what each request costs; this is the other column of
//! the trade-off: what the reader's choice of mechanism buys when a login
//! must end now. The run is always the same story: Alice logs in on her
//! laptop, Mallory copies the credential her browser holds, the
//! administrator revokes the one Alice's laptop holds, and Mallory keeps
//! asking for Alice's profile with her copy until the server refuses it.
//! Nothing here knows what each mechanism should give: a session's record is
//! deleted, so the first try after revocation already fails; a token has no
//! record, so it works until its `exp`; a denylist refuses it at once. The
//! number is whatever the engine does.
//!
//! Mallory tries once a minute (a coarse watch, [`COARSE_STEP_SECS`]) until
//! she is refused, then the minute before the refusal is played again from a
//! copy of the world, one try a second, so the window is exact to the second
//! without a try for every second of a long lifetime.

use crate::base::ids::IdSourceSetting;
use crate::library::preset::{preset, Settings, PRESETS};
use crate::library::token::Mechanism;
use crate::library::topology::StoreLayout;
use crate::sim::world::{Action, World, LAPTOP, MALLORY};

/// How long Mallory waits between tries while the copy still works.
pub const COARSE_STEP_SECS: u64 = 60;

/// How long Mallory keeps trying before the watch ends with the copy still working.
pub const WATCH_SECS: u64 = 24 * 60 * 60;

/// What the watch found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RevocationWindow {
    /// Seconds from the revocation to the first refused try: how long the
    /// stolen copy stayed usable (0: refused at once). `None` if it still
    /// worked when the watch ended, [`WATCH_SECS`] later.
    pub usable_secs: Option<u64>,
    /// How many requests Mallory sent with her copy, in both passes.
    pub attempts: u64,
    /// How long the watch could last.
    pub watch_secs: u64,
}

crate::base::json::json_fields!([] RevocationWindow {
    "usableSecs": usable_secs, "attempts": attempts, "watchSecs": watch_secs
});

/// How long an access token lasts when refresh tokens renew it:
/// djangorestframework-simplejwt's `ACCESS_TOKEN_LIFETIME`, 5 minutes. The
/// interval between renewals, and so the longest a revoked login's access
/// token keeps working.
pub const SHORT_ACCESS_LIFETIME_SECS: u64 = 5 * 60;

/// The settings the watch plays: express's defaults with the mechanism, the
/// store layout and the denylist or refresh tokens asked for, on one server
/// (a revocation and Mallory's tries reach the same store, so only the
/// mechanism decides). With refresh tokens the access token is short-lived
/// ([`SHORT_ACCESS_LIFETIME_SECS`]), as the fix intends.
pub fn watch_settings(layout: StoreLayout, mechanism: Mechanism, denylist: bool, refresh: bool) -> Settings {
    let express = preset("express").unwrap_or(&PRESETS[0]);
    let mut settings = Settings::of(express, IdSourceSetting::Seeded { seed: 1 });
    settings.store_layout = layout;
    settings.mechanism = mechanism;
    settings.denylist = denylist;
    settings.refresh = refresh;
    if refresh {
        settings.token_lifetime = SHORT_ACCESS_LIFETIME_SECS;
    }
    settings
}

/// Plays the theft, the revocation and Mallory's tries; see the module's
/// summary. Every action names a real browser, so none fails; if one did,
/// the watch would say the copy was refused at that try (and the tests,
/// which pin each mechanism's window, would say so).
pub fn stolen_credential_window(settings: Settings) -> RevocationWindow {
    let mut world = World::from_settings(settings);
    let theft = [
        Action::Login { browser: LAPTOP.into(), username: "alice".into(), password: "wonderland".into() },
        Action::CopyCookie { from: LAPTOP.into(), to: MALLORY.into() },
        // The administrator is shown what Alice's laptop holds, and revokes exactly that.
        Action::RevokeHeldBy { browser: LAPTOP.into() },
    ];
    for action in &theft {
        let _ = world.apply_untraced(action);
    }
    let mut attempts = 0;
    let mut tries = |world: &mut World| -> bool {
        attempts += 1;
        let visit = Action::Visit { browser: MALLORY.into(), path: "/profile".into() };
        world.apply_untraced(&visit).is_ok() && opens_alices_profile(world)
    };
    if !tries(&mut world) {
        return RevocationWindow { usable_secs: Some(0), attempts, watch_secs: WATCH_SECS };
    }
    // Coarse: a try a minute, keeping the world as it was after the last success.
    let mut elapsed = 0;
    let refused_at = loop {
        if elapsed >= WATCH_SECS {
            return RevocationWindow { usable_secs: None, attempts, watch_secs: WATCH_SECS };
        }
        let before = world.clone();
        let _ = world.apply_untraced(&Action::Wait { secs: COARSE_STEP_SECS });
        elapsed += COARSE_STEP_SECS;
        if !tries(&mut world) {
            break (before, elapsed - COARSE_STEP_SECS);
        }
    };
    // Fine: the last minute again, from the world after the last success, a
    // try a second. (Each try may change the world, as a session's sliding
    // expiry does; if no try in that minute is refused, the coarse refusal stands.)
    let (mut world, last_success) = refused_at;
    for second in 1..=COARSE_STEP_SECS {
        let _ = world.apply_untraced(&Action::Wait { secs: 1 });
        if !tries(&mut world) {
            return RevocationWindow { usable_secs: Some(last_success + second), attempts, watch_secs: WATCH_SECS };
        }
    }
    RevocationWindow { usable_secs: Some(last_success + COARSE_STEP_SECS), attempts, watch_secs: WATCH_SECS }
}

/// Whether Mallory's browser shows Alice's profile: the server took her copy for Alice.
fn opens_alices_profile(world: &World) -> bool {
    world.browser(MALLORY).is_some_and(|b| {
        b.screen.status == 200 && b.screen.url.ends_with("/profile") && b.screen.text.contains("alice")
    })
}
