//! The fork: the same actions, played against the same world twice, once
//! with server-side sessions and once with signed tokens, all else equal;
//! and the first moment where what a reader cares about parts ways.
//!
//! A timeline is its settings, its prepared start and its actions (the world
//! is deterministic), so "what if tokens?" needs no guessing: build a second
//! world from the same settings with `mechanism: "token"`, run the same
//! prepared start and the same actions, and compare, request by request, the
//! three things a reader watches: the status of the response, who the server
//! took the request to be, and whether it was served. The first request where
//! any of them differs is the divergence, with a sentence that says why
//! (`ForkMessage`). Actions a token server takes differently (a revocation with
//! no record to delete, say) still run on it, narrated by the token server.
//!
//! Each side keeps its own [`Timeline`], so any step of either comes back on
//! request, and each side's steps are exactly what an unforked world with
//! that side's settings would show: the side matching the timeline it was
//! forked from is that timeline, step for step (the tests check this byte
//! for byte). The two sides step together by [`ForkRow`]s: per action, as many
//! rows as the side with more moments has, the shorter side holding its last.

use crate::library::preset::Settings;
use crate::library::token::{Mechanism, TokenVerdict};
use crate::sim::timeline::Timeline;
use crate::sim::world::{Action, World};
use crate::trace::{Step, StepKind, StoreOpKind, TokenPlace, Trace};

/// One of the fork's two timelines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Server-side sessions: a record in the store, its ID in a cookie.
    Session,
    /// Signed tokens: the claims in the token, nothing stored.
    Token,
}

crate::base::json::json_names!(Side { Session => "session", Token => "token" });

impl Side {
    /// Both sides, sessions first (the page draws them left to right).
    pub const BOTH: [Side; 2] = [Side::Session, Side::Token];

    /// The key the page and links name a side by.
    pub fn key(self) -> &'static str {
        match self {
            Side::Session => "session",
            Side::Token => "token",
        }
    }

    /// The side a key names.
    pub fn from_key(key: &str) -> Option<Side> {
        Side::BOTH.into_iter().find(|side| side.key() == key)
    }

    fn mechanism(self) -> Mechanism {
        match self {
            Side::Session => Mechanism::ServerSession,
            Side::Token => Mechanism::Token,
        }
    }
}

/// What one request ended in, as a reader sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The browser that sent it.
    pub browser: Option<String>,
    /// The response's status; `None` when no response came (no server running).
    pub status: Option<u16>,
    /// Who the server took the request to be (the user it answered as), if anyone.
    pub who: Option<String>,
    /// Whether the request was served (a 2xx or 3xx response).
    pub served: bool,
    /// Why, read off the trace: what the server found ("the ticket names no record in the store").
    pub evidence: String,
    /// The step (an index into its side's timeline) where the server settled on its answer.
    pub decided_at: usize,
}

crate::base::json::json_fields!([] Answer {
    "browser": browser, "status": status, "who": who, "served": served, "evidence": evidence, "decidedAt": decided_at
});

impl Answer {
    /// The part a reader compares: status, who, served.
    fn seen(&self) -> (Option<u16>, Option<&str>, bool) {
        (self.status, self.who.as_deref(), self.served)
    }
}

/// The first request where the two timelines part ways.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Divergence {
    /// The action that holds it (an index into the fork's actions).
    pub action: usize,
    /// That action's label.
    pub label: String,
    /// The session side's answer (`None` when it sent no such request, or the action failed there).
    pub session: Option<Answer>,
    /// The token side's answer, likewise.
    pub token: Option<Answer>,
    /// The step of the session timeline to mark.
    pub session_step: usize,
    /// The step of the token timeline to mark.
    pub token_step: usize,
    /// The reason, in a sentence or two, from `ForkMessage`.
    pub reason: String,
    /// The same in a line: each side's status (and who it answered as).
    pub summary: String,
}

crate::base::json::json_fields!([] Divergence {
    "action": action, "label": label, "session": session, "token": token, "sessionStep": session_step,
    "tokenStep": token_step, "reason": reason, "summary": summary
});

/// Where one side of a row stands: the moment it shows, as a range of its timeline's steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MomentAt {
    /// Its first step.
    pub first: usize,
    /// How many steps it has.
    pub size: usize,
}

crate::base::json::json_fields!([] MomentAt { "first": first, "size": size });

/// One press of Next in the fork: what each side shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForkRow {
    /// The action it belongs to.
    pub action: usize,
    /// The session side's moment; `None` when this action has no more moments there (it holds its last).
    pub session: Option<MomentAt>,
    /// The token side's moment, likewise.
    pub token: Option<MomentAt>,
    /// Whether this row holds the divergence (on either side).
    pub diverges: bool,
}

crate::base::json::json_fields!([] ForkRow {
    "action": action, "session": session, "token": token, "diverges": diverges
});

/// One side: its world, its timeline, and what it has answered so far.
#[derive(Clone, Debug)]
struct Branch {
    world: World,
    timeline: Timeline,
    /// Per action: its moments' sizes (empty for an action that failed).
    moments: Vec<Vec<usize>>,
    /// Per action, while no divergence is found: its answers, or the error it failed with.
    answers: Vec<Result<Vec<Answer>, String>>,
}

impl Branch {
    fn new(settings: &Settings, side: Side, given: &[Action], ids_of: Option<&World>) -> Branch {
        let settings = Settings { mechanism: side.mechanism(), ..settings.clone() };
        let mut world = World::from_settings(settings);
        // The side the timeline was forked from draws the very IDs it drew.
        if let Some(live) = ids_of.filter(|live| live.server().settings.mechanism == side.mechanism()) {
            world.reproduce_ids_of(live);
        }
        // A prepared start that fails on one side (it cannot: its actions
        // name browsers and servers the settings have) leaves that side where it stopped.
        let _ = world.prepare(given);
        let timeline = Timeline::new(&world);
        Branch { world, timeline, moments: Vec::new(), answers: Vec::new() }
    }

    /// Runs an action, traced (to read its answers) while `traced`, else untraced.
    fn push(&mut self, action: &Action, traced: bool) {
        let first = self.timeline.len();
        if traced {
            match self.timeline.apply(&mut self.world, action) {
                Ok(trace) => {
                    self.moments.push(trace.moment_sizes());
                    let answers = read_answers(&trace, first);
                    self.answers.push(Ok(answers));
                }
                Err(error) => {
                    self.moments.push(Vec::new());
                    self.answers.push(Err(error.to_string()));
                }
            }
        } else {
            let sizes = self.timeline.apply_untraced_moments(&mut self.world, action).unwrap_or_default();
            self.moments.push(sizes);
        }
    }
}

/// Two timelines from the same actions: sessions and tokens.
#[derive(Clone, Debug)]
pub struct Fork {
    session: Branch,
    token: Branch,
    labels: Vec<String>,
    divergence: Option<Divergence>,
}

impl Fork {
    /// Forks a timeline: its settings (the mechanism is set per side), its
    /// prepared start (`given`), and its actions, in order. `ids_of` is the
    /// live world of the timeline forked, whose CSPRNG's IDs its own side
    /// draws again (seeded and sequential IDs replay by themselves).
    pub fn new(settings: &Settings, given: &[Action], actions: &[Action], ids_of: Option<&World>) -> Fork {
        let mut fork = Fork {
            session: Branch::new(settings, Side::Session, given, ids_of),
            token: Branch::new(settings, Side::Token, given, ids_of),
            labels: Vec::new(),
            divergence: None,
        };
        for action in actions {
            fork.push(action);
        }
        fork
    }

    /// Runs one more action on both sides (a tour's next step, say).
    pub fn push(&mut self, action: &Action) {
        // Once the two have parted ways nothing more needs reading: the rest runs untraced.
        let traced = self.divergence.is_none();
        self.labels.push(action.label());
        self.session.push(action, traced);
        self.token.push(action, traced);
        if traced {
            let index = self.labels.len() - 1;
            self.divergence = compare(index, &self.labels[index], &self.session, &self.token);
        }
    }

    /// The first request where the two timelines differ, if they do.
    pub fn divergence(&self) -> Option<&Divergence> {
        self.divergence.as_ref()
    }

    /// The actions' labels, in order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Steps on one side.
    pub fn len(&self, side: Side) -> usize {
        self.branch(side).timeline.len()
    }

    /// True when the fork has no steps on either side.
    pub fn is_empty(&self) -> bool {
        self.len(Side::Session) == 0 && self.len(Side::Token) == 0
    }

    /// Step `index` of one side's timeline, with the state after it.
    pub fn step(&mut self, side: Side, index: usize) -> Option<&Step> {
        let branch = match side {
            Side::Session => &mut self.session,
            Side::Token => &mut self.token,
        };
        branch.timeline.step(&branch.world, index)
    }

    /// The world one side ended in.
    pub fn world(&self, side: Side) -> &World {
        &self.branch(side).world
    }

    fn branch(&self, side: Side) -> &Branch {
        match side {
            Side::Session => &self.session,
            Side::Token => &self.token,
        }
    }

    /// The presses of Next that step through both sides together.
    pub fn rows(&self) -> Vec<ForkRow> {
        let mut rows = Vec::new();
        let (mut session_first, mut token_first) = (0, 0);
        for (action, (session, token)) in self.session.moments.iter().zip(&self.token.moments).enumerate() {
            for k in 0..session.len().max(token.len()) {
                let at = |sizes: &[usize], first: usize| {
                    sizes.get(k).map(|&size| MomentAt { first: first + sizes[..k].iter().sum::<usize>(), size })
                };
                let (s, t) = (at(session, session_first), at(token, token_first));
                let holds = |moment: Option<MomentAt>, step: usize| {
                    moment.is_some_and(|m| (m.first..m.first + m.size).contains(&step))
                };
                let diverges = self.divergence.as_ref().is_some_and(|d| {
                    d.action == action
                        && (holds(s, d.session_step) || (!holds(s, d.session_step) && holds(t, d.token_step)))
                });
                rows.push(ForkRow { action, session: s, token: t, diverges });
            }
            session_first += session.iter().sum::<usize>();
            token_first += token.iter().sum::<usize>();
        }
        // One row holds the mark: the first that does.
        if let Some(first) = rows.iter().position(|r| r.diverges) {
            for row in rows.iter_mut().skip(first + 1) {
                row.diverges = false;
            }
        }
        rows
    }
}

/// Compares the two sides' answers to action `index`; the first request that differs, if one does.
fn compare(index: usize, label: &str, session: &Branch, token: &Branch) -> Option<Divergence> {
    let end = |b: &Branch| b.timeline.len().saturating_sub(1);
    let (s, t) = (&session.answers[index], &token.answers[index]);
    let (s_list, t_list) = match (s, t) {
        (Ok(s), Ok(t)) => (s, t),
        (Err(a), Err(b)) if a == b => return None,
        _ => {
            let reason = crate::text::say(crate::text::message::fork::ForkMessage::FailedOnOneSide {
                session: s.as_ref().err().map(String::as_str),
                token: t.as_ref().err().map(String::as_str),
            });
            let first_of = |b: &Branch| b.timeline.len() - b.moments[index].iter().sum::<usize>();
            let summary = reason.clone();
            return Some(Divergence {
                action: index,
                label: label.to_owned(),
                session: None,
                token: None,
                session_step: first_of(session),
                token_step: first_of(token),
                reason,
                summary,
            });
        }
    };
    for i in 0..s_list.len().max(t_list.len()) {
        let (a, b) = (s_list.get(i), t_list.get(i));
        if a.map(Answer::seen) == b.map(Answer::seen) {
            continue;
        }
        let reason = crate::text::say(crate::text::message::fork::ForkMessage::Parted {
            session: a.map(told),
            token: b.map(told),
        });
        let summary = crate::text::say(crate::text::message::fork::ForkMessage::Summary {
            session: a.map(told),
            token: b.map(told),
        });
        return Some(Divergence {
            action: index,
            label: label.to_owned(),
            session_step: a.map_or(end(session), |a| a.decided_at),
            token_step: b.map_or(end(token), |b| b.decided_at),
            session: a.cloned(),
            token: b.cloned(),
            reason,
            summary,
        });
    }
    None
}

/// An answer as the reason sentence tells it.
fn told(answer: &Answer) -> crate::text::message::fork::Told<'_> {
    crate::text::message::fork::Told {
        status: answer.status,
        who: answer.who.as_deref(),
        served: answer.served,
        evidence: &answer.evidence,
    }
}

/// The token a request carries, in the token cookie or as a bearer token,
/// as the trace names it (`HttpMessage::tokens`).
fn carried_token(message: &crate::trace::HttpMessage) -> Option<&str> {
    let carried = |t: &&crate::trace::WireToken| matches!(t.kind, TokenPlace::Cookie | TokenPlace::Bearer);
    message.tokens.iter().find(carried).map(|t| t.token.as_str())
}

/// Every request of a trace and what it ended in. `first` is the trace's
/// first step in its timeline.
fn read_answers(trace: &Trace, first: usize) -> Vec<Answer> {
    let mut answers = Vec::new();
    let mut open: Option<Reading> = None;
    for (i, step) in trace.steps.iter().enumerate() {
        // Each request begins where its browser builds it.
        if let StepKind::RequestBuilt { .. } = step.kind {
            if let Some(done) = open.take() {
                answers.push(done.finish());
            }
            let token = step.message.as_ref().and_then(carried_token);
            // Logging out is answered alike to anyone (the page says "You are
            // logged out" whoever sent it), so at a logout only the status counts.
            let logout = step.message.as_ref().is_some_and(|m| m.start_line.split(' ').nth(1) == Some("/logout"));
            open = Some(Reading {
                browser: step.browser.clone(),
                anyone: logout,
                token_subject: token.and_then(crate::base::jwt::subject),
                ..Reading::default()
            });
        }
        let Some(reading) = open.as_mut() else { continue };
        reading.read(step, first + i);
    }
    if let Some(done) = open {
        answers.push(done.finish());
    }
    answers
}

/// One request being read, step by step.
#[derive(Default)]
struct Reading {
    browser: Option<String>,
    status: Option<u16>,
    /// Who the credential the request carried named, once checked (a live record, an accepted token).
    carried: Option<String>,
    /// The password check's result, at a login.
    password: Option<bool>,
    /// The user a login just started a session or signed a token for.
    logged_in: Option<String>,
    /// Once a token's verdict is in, a denylist's lookup only confirms it.
    token_judged: bool,
    /// Whether the route answers anyone alike (a logout): then who sent it is not compared.
    anyone: bool,
    /// Whom the token the request carried speaks for (its `sub`), if it carried one.
    token_subject: Option<String>,
    evidence: String,
    decided_at: Option<usize>,
}

impl Reading {
    fn read(&mut self, step: &Step, index: usize) {
        match (&step.kind, &step.store_op) {
            (StepKind::Routed { server: None }, _) => {
                self.evidence = crate::text::say(crate::text::message::fork::ForkMessage::NoServer);
                self.decided_at = Some(index);
            }
            (StepKind::PasswordChecked { ok }, _) => {
                self.password = Some(*ok);
                self.evidence = crate::text::say(crate::text::message::fork::ForkMessage::Password { ok: *ok });
            }
            (StepKind::CookieRead { id: None }, _) if !self.token_judged => {
                self.evidence = crate::text::say(crate::text::message::fork::ForkMessage::NoTicket);
            }
            (StepKind::TokenVerified { verdict, .. }, _) => {
                self.token_judged = true;
                // Only an accepted token speaks for anyone.
                self.carried = self.token_subject.clone().filter(|_| *verdict == TokenVerdict::Accepted);
                if self.password.is_none() {
                    self.evidence = crate::text::say(crate::text::message::TokenMessage::VerdictReason(*verdict));
                }
            }
            (StepKind::TokenSigned { sub, .. }, _) => self.logged_in = Some(sub.clone()),
            (StepKind::StoreOperation, Some(op)) if !self.token_judged => match op.kind {
                StoreOpKind::Lookup => {
                    let live = op.found && op.expired.is_none();
                    self.carried = op.user.clone().filter(|_| live);
                    if self.password.is_none() {
                        self.evidence = crate::text::say(crate::text::message::fork::ForkMessage::Lookup {
                            user: op.user.as_deref().filter(|_| live),
                            expired: op.expired,
                        });
                    }
                }
                StoreOpKind::Insert | StoreOpKind::Rename | StoreOpKind::Update if self.password == Some(true) => {
                    if let Some(user) = &op.user {
                        self.logged_in = Some(user.clone());
                    }
                }
                StoreOpKind::Failed => {
                    self.evidence = crate::text::say(crate::text::message::fork::ForkMessage::StoreDown);
                }
                _ => {}
            },
            (StepKind::ResponseBuilt, _) => self.decided_at = Some(index),
            _ => {}
        }
        if let Some(status) = step.message.as_ref().and_then(|m| m.status) {
            self.status = Some(status);
            self.decided_at.get_or_insert(index);
        }
    }

    fn finish(self) -> Answer {
        let served = self.status.is_some_and(|s| (200..400).contains(&s));
        // Who the server answered as: at a login, whoever the password
        // proved; otherwise whoever the credential named. A refused request
        // was answered as nobody.
        let who = match self.password {
            Some(true) => self.logged_in.or(self.carried),
            Some(false) => None,
            None => self.carried,
        }
        .filter(|_| served && !self.anyone);
        Answer {
            browser: self.browser,
            status: self.status,
            who,
            served,
            evidence: self.evidence,
            decided_at: self.decided_at.unwrap_or_default(),
        }
    }
}
