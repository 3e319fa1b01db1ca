//! Presets: how real session libraries behave out of the box, and the
//! settings a reader can change on top.
//!
//! Each preset carries its library's real cookie name and attributes (in the
//! order the library writes them), ID length and alphabet, timeouts, whether
//! login rotates the ID, what logout does, how expired records are cleaned,
//! and which store it talks to (so store operations can be shown as the
//! commands that store would really run). The facts come from each
//! library's source and documentation; where a library leaves a choice to
//! the application, the preset follows the library's own documented example.

use crate::base::ids::{IdFormat, IdSourceSetting};
use crate::browser::cookie::{CookieStyle, SameSite};
use crate::library::topology::{Balancing, StoreLayout};
use crate::session::commands::StoreDialect;

/// How the session ID is written into the cookie's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CookieCodec {
    /// The ID as it is.
    Plain,
    /// express-session: `encodeURIComponent("s:" + id + "." + HMAC-SHA256(id, secret))`.
    ExpressSigned,
    /// Spring Session: the ID in standard base64.
    Base64,
}

crate::base::json::json_names!(CookieCodec { Plain => "plain", ExpressSigned => "expressSigned", Base64 => "base64" });

/// The secret express-session signs with. This is the value from
/// express-session's README example, which is exactly why a real app must
/// never use it.
pub const EXPRESS_SECRET: &str = "keyboard cat";

/// What "log out" does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogoutMode {
    /// Delete the record and expire the cookie: the only complete logout.
    DeleteAndExpire,
    /// Only expire the cookie; the record stays alive, so a copied ticket still works.
    ClientOnly,
    /// Only delete the record; the browser keeps a stale ticket that will be rejected.
    ServerOnly,
}

crate::base::json::json_names!(LogoutMode {
    DeleteAndExpire => "deleteAndExpire", ClientOnly => "clientOnly", ServerOnly => "serverOnly"
});

/// How expired records leave the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cleanup {
    /// Deleted when a request finds them expired (express's `MemoryStore`).
    OnRead,
    /// Deleted by a background job or by the store's own TTL whenever time passes.
    Sweeper,
    /// Never deleted by the server: refused on lookup, they stay until
    /// something else removes them (Django without a `clearsessions` job).
    Never,
}

crate::base::json::json_names!(Cleanup { OnRead => "onRead", Sweeper => "sweeper", Never => "never" });

/// What a password change does to the user's other sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordChange {
    /// The server finds them and deletes them at once.
    DeleteOthers,
    /// Each session stores a hash derived from the password; a session whose
    /// hash no longer matches is flushed on its next request (Django's
    /// `get_user()`, axum-login).
    AuthHash,
}

crate::base::json::json_names!(PasswordChange { DeleteOthers => "deleteOthers", AuthHash => "authHash" });

/// The library a preset reproduces, the id the catalogue names it by: its
/// name for the page, exactly what the preset reproduces (the library and
/// version, its configuration, and how that was checked: recorded from the
/// real library by `make verify-real`, or read from source), and what is
/// special about it, in a sentence or two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Library {
    /// The playground's own careful setup (`generic`).
    Generic,
    /// express-session with connect-redis (`express`).
    Express,
    /// tower-sessions with its Redis store (`tower`).
    Tower,
    /// Django's database sessions (`django`).
    Django,
    /// Spring Session on Redis, indexed (`spring`).
    Spring,
    /// PHP's file sessions (`php`).
    Php,
    /// The OWASP cheat sheet's advice (`owasp`).
    Owasp,
}

/// One library's defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Key used in scenarios and the page, e.g. `django`. The page's list of
    /// presets writes it itself, before the library's text.
    pub key: &'static str,
    /// Which library it is: the catalogue gives its name, what it
    /// reproduces and its summary (`src/text/message/preset.rs`).
    pub library: Library,
    /// The cookie's name.
    pub cookie_name: &'static str,
    /// Whose cookie writer formats `Set-Cookie`.
    pub cookie_style: CookieStyle,
    /// How the ID is written into the cookie.
    pub codec: CookieCodec,
    /// `HttpOnly`.
    pub http_only: bool,
    /// `Secure`.
    pub secure: bool,
    /// `SameSite`, if sent.
    pub same_site: Option<SameSite>,
    /// The cookie's own lifetime (`Max-Age`), if any; `None` is a cookie that
    /// lasts until the browser closes.
    pub cookie_max_age: Option<u64>,
    /// The ID's format.
    pub id_format: IdFormat,
    /// Idle timeout in seconds: the session ends after this long without a request.
    pub idle_timeout: Option<u64>,
    /// Absolute timeout in seconds: the session ends this long after login, however active.
    pub absolute_timeout: Option<u64>,
    /// Whether login gives the session a new ID.
    pub rotate_on_login: bool,
    /// What logout does.
    pub logout: LogoutMode,
    /// How expired records are removed.
    pub cleanup: Cleanup,
    /// The store.
    pub store: StoreDialect,
    /// Whether the session's lifetime counts from its last save rather than
    /// from login (Django and tower-sessions: reading is not a change).
    pub expiry_from_last_save: bool,
    /// What a password change does to other sessions.
    pub password_change: PasswordChange,
}

crate::base::json::json_fields!([] Preset {
    "cookieName": cookie_name, "cookieStyle": cookie_style, "codec": codec, "httpOnly": http_only, "secure": secure,
    "sameSite": same_site, "cookieMaxAge": cookie_max_age, "idFormat": id_format, "idleTimeout": idle_timeout,
    "absoluteTimeout": absolute_timeout, "rotateOnLogin": rotate_on_login, "logout": logout, "cleanup": cleanup,
    "store": store, "expiryFromLastSave": expiry_from_last_save, "passwordChange": password_change
});

const DAY: u64 = 86_400;

/// Every preset, the playground's own default first.
pub const PRESETS: [Preset; 7] = [
    Preset {
        key: "generic",
        library: Library::Generic,
        cookie_name: "sid",
        cookie_style: CookieStyle::Generic,
        codec: CookieCodec::Plain,
        http_only: true,
        secure: false,
        same_site: Some(SameSite::Lax),
        cookie_max_age: None,
        id_format: IdFormat::Base64Url { bytes: 16 },
        idle_timeout: Some(30 * 60),
        absolute_timeout: Some(8 * 3600),
        rotate_on_login: true,
        logout: LogoutMode::DeleteAndExpire,
        cleanup: Cleanup::OnRead,
        store: StoreDialect::Memory,
        expiry_from_last_save: false,
        password_change: PasswordChange::DeleteOthers,
    },
    Preset {
        key: "express",
        library: Library::Express,
        cookie_name: "connect.sid",
        cookie_style: CookieStyle::Express,
        codec: CookieCodec::ExpressSigned,
        http_only: true,
        secure: false,
        same_site: None,
        cookie_max_age: None,
        id_format: IdFormat::Base64Url { bytes: 24 },
        idle_timeout: Some(DAY),
        absolute_timeout: None,
        rotate_on_login: true,
        logout: LogoutMode::ServerOnly,
        cleanup: Cleanup::Sweeper,
        store: StoreDialect::ConnectRedis,
        expiry_from_last_save: false,
        password_change: PasswordChange::DeleteOthers,
    },
    Preset {
        key: "tower",
        library: Library::Tower,
        cookie_name: "id",
        cookie_style: CookieStyle::CookieCrate,
        codec: CookieCodec::Plain,
        http_only: true,
        secure: true,
        same_site: Some(SameSite::Strict),
        cookie_max_age: None,
        id_format: IdFormat::Base64Url { bytes: 16 },
        idle_timeout: None,
        absolute_timeout: Some(14 * DAY),
        rotate_on_login: true,
        logout: LogoutMode::DeleteAndExpire,
        cleanup: Cleanup::Sweeper,
        store: StoreDialect::TowerRedis,
        expiry_from_last_save: true,
        password_change: PasswordChange::AuthHash,
    },
    Preset {
        key: "django",
        library: Library::Django,
        cookie_name: "sessionid",
        cookie_style: CookieStyle::Django,
        codec: CookieCodec::Plain,
        http_only: true,
        secure: false,
        same_site: Some(SameSite::Lax),
        cookie_max_age: Some(14 * DAY),
        id_format: IdFormat::LowerAlnum { len: 32 },
        idle_timeout: None,
        absolute_timeout: Some(14 * DAY),
        rotate_on_login: true,
        logout: LogoutMode::DeleteAndExpire,
        cleanup: Cleanup::Never,
        store: StoreDialect::DjangoDb,
        expiry_from_last_save: true,
        password_change: PasswordChange::AuthHash,
    },
    Preset {
        key: "spring",
        library: Library::Spring,
        cookie_name: "SESSION",
        cookie_style: CookieStyle::Spring,
        codec: CookieCodec::Base64,
        http_only: true,
        secure: true,
        same_site: Some(SameSite::Lax),
        cookie_max_age: None,
        id_format: IdFormat::Uuid,
        idle_timeout: Some(1800),
        absolute_timeout: None,
        rotate_on_login: true,
        logout: LogoutMode::DeleteAndExpire,
        cleanup: Cleanup::Sweeper,
        store: StoreDialect::SpringRedis,
        expiry_from_last_save: false,
        password_change: PasswordChange::DeleteOthers,
    },
    Preset {
        key: "php",
        library: Library::Php,
        cookie_name: "PHPSESSID",
        cookie_style: CookieStyle::Php,
        codec: CookieCodec::Plain,
        http_only: false,
        secure: false,
        same_site: None,
        cookie_max_age: None,
        id_format: IdFormat::Base32 { len: 26 },
        idle_timeout: Some(1440),
        absolute_timeout: None,
        rotate_on_login: false,
        logout: LogoutMode::ServerOnly,
        cleanup: Cleanup::Sweeper,
        store: StoreDialect::PhpFiles,
        expiry_from_last_save: false,
        password_change: PasswordChange::DeleteOthers,
    },
    Preset {
        key: "owasp",
        library: Library::Owasp,
        cookie_name: "__Host-id",
        cookie_style: CookieStyle::Owasp,
        codec: CookieCodec::Plain,
        http_only: true,
        secure: true,
        same_site: Some(SameSite::Strict),
        cookie_max_age: None,
        id_format: IdFormat::Base64Url { bytes: 16 },
        idle_timeout: Some(15 * 60),
        absolute_timeout: Some(8 * 3600),
        rotate_on_login: true,
        logout: LogoutMode::DeleteAndExpire,
        cleanup: Cleanup::OnRead,
        store: StoreDialect::Memory,
        expiry_from_last_save: false,
        password_change: PasswordChange::DeleteOthers,
    },
];

/// The preset with this key.
pub fn preset(key: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.key == key)
}

/// Everything that shapes a world's behaviour: a preset plus the reader's changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The preset these settings start from (serialized as its key). A
    /// reference to one of [`PRESETS`], so there is no key that names none.
    pub preset: &'static Preset,
    /// Where IDs come from.
    pub ids: IdSourceSetting,
    /// Whether login rotates the ID.
    pub rotate_on_login: bool,
    /// What logout does.
    pub logout: LogoutMode,
    /// How expired records are removed.
    pub cleanup: Cleanup,
    /// Idle timeout in seconds, if any.
    pub idle_timeout: Option<u64>,
    /// Absolute timeout in seconds, if any.
    pub absolute_timeout: Option<u64>,
    /// Whether the server refuses IDs it never issued (strict) or adopts them
    /// (permissive, like PHP with `session.use_strict_mode=0`).
    pub strict_adoption: bool,
    /// The session cookie's `HttpOnly`.
    pub http_only: bool,
    /// The session cookie's `Secure`.
    pub secure: bool,
    /// The session cookie's `SameSite`, if sent.
    pub same_site: Option<SameSite>,
    /// Whether the cookie's name carries the `__Host-` prefix.
    pub host_prefix: bool,
    /// What the browsers take a missing `SameSite` to mean.
    pub browser_same_site_default: crate::browser::jar::SameSiteDefault,
    /// How many app servers stand behind the load balancer (1 to 8).
    pub servers: u8,
    /// How the load balancer picks a server.
    pub balancing: Balancing,
    /// Where the session records live.
    pub store_layout: StoreLayout,
    /// How a login is remembered: a server-side session or a signed token.
    pub mechanism: crate::library::token::Mechanism,
    /// With tokens: how the browser brings the token back.
    pub carry: crate::library::token::Carry,
    /// With tokens: the HMAC key the server signs and verifies them with.
    pub token_secret: String,
    /// With tokens: seconds from `iat` to `exp`.
    pub token_lifetime: u64,
    /// With tokens: whether the server keeps a denylist of revoked tokens'
    /// `jti` in its store, and checks it on every request.
    pub denylist: bool,
    /// With tokens: whether the verifier lets the token's header choose the
    /// algorithm (`alg: none` included), the classic flaw, instead of
    /// pinning HS256. Only the attack lab sets it; not written out when off.
    pub token_alg_from_header: bool,
    /// With tokens: whether a login also gets a refresh token, a record in
    /// the store that renews the short-lived access token when it expires.
    pub refresh: bool,
    /// With refresh tokens: seconds a login can be renewed for, from the login.
    pub refresh_lifetime: u64,
    /// With tokens: whether each token carries its user's token version
    /// (`ver`), compared with the user table on every request.
    pub token_version: bool,
}

/// The settings as the page reads them: the preset by its key, every other
/// field by its camel-case name, `tokenAlgFromHeader` only when on.
impl crate::base::json::JsonFields for Settings {
    fn write_fields(&self, object: &mut crate::base::json::Object<'_>) {
        object.field("preset", &self.preset.key);
        object.field("ids", &self.ids);
        object.field("rotateOnLogin", &self.rotate_on_login);
        object.field("logout", &self.logout);
        object.field("cleanup", &self.cleanup);
        object.field("idleTimeout", &self.idle_timeout);
        object.field("absoluteTimeout", &self.absolute_timeout);
        object.field("strictAdoption", &self.strict_adoption);
        object.field("httpOnly", &self.http_only);
        object.field("secure", &self.secure);
        object.field("sameSite", &self.same_site);
        object.field("hostPrefix", &self.host_prefix);
        object.field("browserSameSiteDefault", &self.browser_same_site_default);
        object.field("servers", &self.servers);
        object.field("balancing", &self.balancing);
        object.field("storeLayout", &self.store_layout);
        object.field("mechanism", &self.mechanism);
        object.field("carry", &self.carry);
        object.field("tokenSecret", &self.token_secret);
        object.field("tokenLifetime", &self.token_lifetime);
        object.field("denylist", &self.denylist);
        // Written only when on: the attack lab alone sets it.
        if self.token_alg_from_header {
            object.field("tokenAlgFromHeader", &true);
        }
        object.field("refresh", &self.refresh);
        object.field("refreshLifetime", &self.refresh_lifetime);
        object.field("tokenVersion", &self.token_version);
    }
}

impl crate::base::json::ToJson for Settings {
    fn write_json(&self, out: &mut String) {
        crate::base::json::write_object(out, self);
    }
}

impl Settings {
    /// A preset's defaults, with IDs from `ids`.
    pub fn of(preset: &'static Preset, ids: IdSourceSetting) -> Settings {
        Settings {
            preset,
            ids,
            rotate_on_login: preset.rotate_on_login,
            logout: preset.logout,
            cleanup: preset.cleanup,
            idle_timeout: preset.idle_timeout,
            absolute_timeout: preset.absolute_timeout,
            strict_adoption: true,
            http_only: preset.http_only,
            secure: preset.secure,
            same_site: preset.same_site,
            host_prefix: preset.cookie_name.starts_with("__Host-"),
            browser_same_site_default: crate::browser::jar::SameSiteDefault::Lax,
            servers: 1,
            balancing: Balancing::RoundRobin,
            store_layout: StoreLayout::PerServer,
            mechanism: crate::library::token::Mechanism::ServerSession,
            carry: crate::library::token::Carry::Cookie,
            token_secret: crate::library::token::DEFAULT_TOKEN_SECRET.to_owned(),
            token_lifetime: crate::library::token::DEFAULT_TOKEN_LIFETIME_SECS,
            denylist: false,
            token_alg_from_header: false,
            refresh: false,
            refresh_lifetime: crate::library::token::DEFAULT_REFRESH_LIFETIME_SECS,
            token_version: false,
        }
    }

    /// True when the deployment is more than one server with its own store:
    /// several app servers, or a store shared over the network.
    pub fn clustered(&self) -> bool {
        self.servers > 1 || self.store_layout == StoreLayout::Shared
    }

    /// The store the server really talks to. One server keeps its preset's
    /// store. Several servers that each keep their own records keep them in
    /// their own memory. A shared store is the preset's; a preset whose store
    /// is the process's memory shares a Redis, written as connect-redis
    /// writes it.
    pub fn store_dialect(&self) -> StoreDialect {
        let own = self.preset().store;
        match self.store_layout {
            StoreLayout::PerServer if self.servers > 1 => StoreDialect::Memory,
            StoreLayout::PerServer => own,
            StoreLayout::Shared if own == StoreDialect::Memory => StoreDialect::ConnectRedis,
            StoreLayout::Shared => own,
        }
    }

    /// The session cookie's name: the preset's, with `__Host-` in front when
    /// that defence is on.
    pub fn cookie_name(&self) -> String {
        let bare = self.preset().cookie_name.trim_start_matches("__Host-");
        if self.host_prefix {
            format!("__Host-{bare}")
        } else {
            bare.to_owned()
        }
    }

    /// The preset these settings start from.
    pub fn preset(&self) -> &'static Preset {
        self.preset
    }
}

impl Default for Settings {
    /// The playground default with IDs from the CSPRNG.
    fn default() -> Settings {
        Settings::of(&PRESETS[0], IdSourceSetting::Csprng)
    }
}
