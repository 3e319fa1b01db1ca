//! The playground's five routes on tower-sessions 0.14 with
//! tower-sessions-redis-store, its defaults untouched. The session calls are
//! the ones axum-login 0.18 makes: `cycle_id()` and an auth hash of the
//! password at login, the hash checked on every read (a mismatch flushes the
//! session), and `flush()` at logout. `LOGOUT_MODE=serverOnly` makes logout
//! `delete()` instead. Run by verify/record.mjs only.

use axum::{extract::State, http::StatusCode, routing::{get, post}, Form, Router};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::{collections::HashMap, sync::{Arc, Mutex}};
use tower_sessions::{Session, SessionManagerLayer};
use tower_sessions_redis_store::{fred::prelude::*, RedisStore};

const KEY: &str = "axum-login.data";

#[derive(Clone, Serialize, Deserialize)]
struct Data {
    user: String,
    role: String,
    auth_hash: String,
}

#[derive(Clone)]
struct App {
    accounts: Arc<Mutex<HashMap<String, (String, String)>>>,
    logout_mode: String,
}

impl App {
    fn hash(&self, user: &str) -> Option<String> {
        let accounts = self.accounts.lock().unwrap();
        let (password, _) = accounts.get(user)?;
        Some(format!("{:x}", Sha256::digest(format!("{user}:{password}"))))
    }

    /// axum-login's `get_user`: the session's user, if its auth hash still matches.
    async fn user(&self, session: &Session) -> Result<Option<Data>, StatusCode> {
        let data: Option<Data> = session.get(KEY).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
        match data {
            Some(d) if self.hash(&d.user).as_deref() == Some(d.auth_hash.as_str()) => Ok(Some(d)),
            Some(_) => {
                session.flush().await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
                Ok(None)
            }
            None => Ok(None),
        }
    }
}

type Reply = (StatusCode, String);
fn reply(status: StatusCode, text: &str) -> Reply {
    (status, text.to_owned())
}

async fn login(State(app): State<App>, session: Session, Form(form): Form<HashMap<String, String>>) -> Reply {
    let (Some(user), Some(password)) = (form.get("username"), form.get("password")) else {
        return reply(StatusCode::BAD_REQUEST, "The login form needs a username and a password.");
    };
    let role = {
        let accounts = app.accounts.lock().unwrap();
        match accounts.get(user) {
            Some((p, role)) if p == password => role.clone(),
            _ => return reply(StatusCode::UNAUTHORIZED, "Wrong username or password."),
        }
    };
    if session.cycle_id().await.is_err() {
        return reply(StatusCode::INTERNAL_SERVER_ERROR, "store error");
    }
    let data = Data { user: user.clone(), role, auth_hash: app.hash(user).unwrap_or_default() };
    match session.insert(KEY, data).await {
        Ok(()) => (StatusCode::OK, format!("Welcome, {user}. You are logged in.")),
        Err(_) => reply(StatusCode::INTERNAL_SERVER_ERROR, "store error"),
    }
}

async fn profile(State(app): State<App>, session: Session) -> Reply {
    match app.user(&session).await {
        Ok(Some(d)) => (StatusCode::OK, format!("Profile of {} ({}).", d.user, d.role)),
        Ok(None) => reply(StatusCode::UNAUTHORIZED, "Please log in to see your profile."),
        Err(status) => reply(status, "store error"),
    }
}

async fn logout(State(app): State<App>, session: Session) -> Reply {
    let done = if app.logout_mode == "serverOnly" { session.delete().await } else { session.flush().await };
    match done {
        Ok(()) => reply(StatusCode::OK, "You are logged out."),
        Err(_) => reply(StatusCode::INTERNAL_SERVER_ERROR, "store error"),
    }
}

async fn password(State(app): State<App>, session: Session, Form(form): Form<HashMap<String, String>>) -> Reply {
    let Ok(Some(mut data)) = app.user(&session).await else {
        return reply(StatusCode::UNAUTHORIZED, "Please log in first.");
    };
    let Some(new_password) = form.get("password") else {
        return reply(StatusCode::BAD_REQUEST, "The form needs a new password.");
    };
    if let Some(entry) = app.accounts.lock().unwrap().get_mut(&data.user) {
        entry.0 = new_password.clone();
    }
    // This session takes the new hash and a new ID; the others fail the hash check when next used.
    data.auth_hash = app.hash(&data.user).unwrap_or_default();
    if session.insert(KEY, data).await.is_err() || session.cycle_id().await.is_err() {
        return reply(StatusCode::INTERNAL_SERVER_ERROR, "store error");
    }
    reply(StatusCode::OK, "Password changed. Your other sessions end the next time they are used.")
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = std::env::var("PORT")?.parse()?;
    let config = Config::from_url(&std::env::var("REDIS_URL")?)?;
    let pool = Pool::new(config, None, None, None, 1)?;
    pool.init().await?;
    let accounts = [("alice", "wonderland", "customer"), ("bob", "builder", "admin"), ("mallory", "hunter2", "customer")]
        .into_iter()
        .map(|(u, p, r)| (u.to_owned(), (p.to_owned(), r.to_owned())))
        .collect();
    let app = App {
        accounts: Arc::new(Mutex::new(accounts)),
        logout_mode: std::env::var("LOGOUT_MODE").unwrap_or_default(),
    };
    let layer = SessionManagerLayer::new(RedisStore::new(pool));
    let router = Router::new()
        .route("/login", post(login))
        .route("/profile", get(profile))
        .route("/logout", post(logout))
        .route("/password", post(password))
        .with_state(app)
        .layer(layer);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    axum::serve(listener, router).await?;
    Ok(())
}
