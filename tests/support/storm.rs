//! The growing-store storm, shared by the timeline's tests and its benchmark:
//! settings under which the store only grows (logging out forgets the cookie
//! in the browser and leaves the record, nothing expires, nothing is swept),
//! and the alternating logins and logouts that fill it.

use session_playground::ids::IdSourceSetting;
use session_playground::preset::{Cleanup, LogoutMode, Settings, PRESETS};
use session_playground::Action;

pub fn storm_settings() -> Settings {
    let mut settings = Settings::of(&PRESETS[0], IdSourceSetting::Csprng);
    settings.logout = LogoutMode::ClientOnly;
    settings.idle_timeout = None;
    settings.absolute_timeout = None;
    settings.cleanup = Cleanup::Never;
    settings
}

/// The storm's action number `i`: a login, then a client-only logout, and again.
pub fn storm_action(i: usize) -> Action {
    if i % 2 == 0 {
        Action::Login { browser: "laptop".into(), username: "alice".into(), password: "wonderland".into() }
    } else {
        Action::Logout { browser: "laptop".into() }
    }
}
