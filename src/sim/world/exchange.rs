//! One HTTP round trip: the browser builds the request from its jar, the
//! request travels (through the load balancer, with several servers) to the
//! server, and the response comes back into the jar.

use super::{view, World, WorldError};
use crate::base::http::Method;
use crate::browser::{Channel, JarChange};
use crate::library::topology::{server_name, AFFINITY_COOKIE};
use crate::trace::{Actor, HttpMessage, StepDraft, StepKind, Tracer};

impl World {
    /// One request/response round trip between a browser and the server.
    pub(super) fn exchange(
        &mut self,
        key: &str,
        method: Method,
        path: &str,
        form: Option<String>,
        tracer: &mut Tracer,
    ) -> Result<(), WorldError> {
        let again = form.clone();
        let response = self.round_trip(key, method, path, form, Channel::NORMAL, None, tracer)?;
        // The app's script renews an expired access token and tries once more.
        let renewing = crate::library::token::REFRESH_PATH;
        if path == renewing || !crate::sim::page_script::wants_renewal(&response, Channel::NORMAL) {
            return Ok(());
        }
        let form = crate::sim::page_script::renewal_form(&self.browsers[self.index_of(key)?]);
        let renewed = self.round_trip(key, Method::Post, renewing, Some(form), Channel::NORMAL, None, tracer)?;
        if renewed.status == crate::base::http::Status::OK {
            let lead = Some(crate::text::refresh::RETRIES);
            self.round_trip(key, method, path, again, Channel::NORMAL, lead, tracer)?;
        }
        Ok(())
    }

    /// A round trip over a given channel: plain http, or started by another site.
    pub(super) fn exchange_via(
        &mut self,
        key: &str,
        method: Method,
        path: &str,
        form: Option<String>,
        channel: Channel,
        tracer: &mut Tracer,
    ) -> Result<(), WorldError> {
        self.round_trip(key, method, path, form, channel, None, tracer).map(|_| ())
    }

    /// One round trip, returning the response as the browser took it in;
    /// `lead` opens the request's narration (a request sent again).
    #[allow(clippy::too_many_arguments)]
    fn round_trip(
        &mut self,
        key: &str,
        method: Method,
        path: &str,
        form: Option<String>,
        channel: Channel,
        lead: Option<&str>,
        tracer: &mut Tracer,
    ) -> Result<crate::base::http::Response, WorldError> {
        let now = self.clock.now();
        let index = self.index_of(key)?;
        let browser = &self.browsers[index];
        let (mut request, cookie_decisions) = browser.request_with_decisions(method, path, form, now, channel);
        let bearer = crate::sim::page_script::attach_bearer(browser, &mut request, channel);
        // The address bar shows where the browser is going as soon as it goes.
        let browser = &mut self.browsers[index];
        browser.screen.url = format!("{}://{}{path}", channel.scheme, crate::base::http::APP_HOST);
        tracer.set_browser(view(browser, &self.server));
        let browser = &self.browsers[index];
        let session = self.server.session_cookie_name();
        // The session cookie that went, if one did; else the reason the first one stayed home.
        let session_decision = cookie_decisions
            .iter()
            .find(|d| d.name == session && d.sent)
            .or_else(|| cookie_decisions.iter().find(|d| d.name == session))
            .map(|d| d.reason.to_string());

        let cookie_note = match request.header("Cookie") {
            Some(cookies) => {
                format!(
                    "Its jar holds a cookie for this site, so the browser attaches it on its own: Cookie: {cookies}."
                )
            }
            None if cookie_decisions.is_empty() => {
                "Its jar holds no cookie for this site, so no ticket rides along.".to_owned()
            }
            None => "The browser attaches none of its cookies to this request, so no ticket rides along.".to_owned(),
        };
        let cookie_note = match bearer {
            true => format!("{cookie_note} The page's script adds the token it keeps: Authorization: Bearer."),
            false => cookie_note,
        };
        let what = match (method, path) {
            _ if !channel.context.same_site => format!(
                "has a page of another site open ({}), which submits a hidden form to app.example: a {method} to \
                 {path}. The browser decides, cookie by cookie, whether to attach them to a request another site \
                 started.{}",
                crate::browser::OTHER_SITE,
                session_decision.as_ref().map(|r| format!(" For the {session} cookie: {r}.")).unwrap_or_default()
            ),
            _ if channel.scheme == "http" => format!(
                "opens http://app.example{path}: plain http, not https (a typed address, an old link).{}",
                session_decision.as_ref().map(|r| format!(" For the {session} cookie: {r}.")).unwrap_or_default()
            ),
            (Method::Post, "/login") => {
                "fills in the login form and sends it: a POST to /login with the username and password in the body."
                    .to_owned()
            }
            (Method::Post, "/logout") => "clicks \u{201c}Log out\u{201d}: a POST to /logout.".to_owned(),
            (Method::Post, "/logout-everywhere") => {
                "clicks \u{201c}Log out everywhere\u{201d}: a POST to /logout-everywhere.".to_owned()
            }
            (Method::Post, "/password") => "submits a new password: a POST to /password.".to_owned(),
            (Method::Post, crate::library::token::REFRESH_PATH) => {
                crate::text::refresh::asks_to_renew(self.server.settings.carry).to_owned()
            }
            _ => format!("opens {path}: a {method} request."),
        };
        let what = match lead {
            Some(lead) => format!("{lead} {what}"),
            None => what,
        };
        let message = HttpMessage::from(&request);
        tracer.push(
            StepDraft::new(
                Actor::Browser,
                StepKind::RequestBuilt { cookie_decisions },
                format!("{} {what} {cookie_note}", browser.label),
            )
            .browser(key)
            .message(message.clone()),
        );
        let travel = if self.cluster.is_some() && channel.scheme != "http" {
            "The request travels to the load balancer in front of the app servers. (On a real site this is https.)"
        } else if channel.scheme == "http" {
            "The request travels to the server in plain text: anyone on the network path can read it."
        } else {
            "The request travels to the server. (On a real site this is https, so nobody on the way can read it.)"
        };
        tracer.push(StepDraft::new(Actor::Network, StepKind::RequestSent, travel).browser(key).message(message));
        if channel.scheme == "http" {
            self.eavesdrop(index, &request, tracer);
        }

        let response = self.serve(index, &request, now, tracer);
        let message = HttpMessage::from(&response);
        tracer.push(
            StepDraft::new(Actor::Network, StepKind::ResponseSent, "The response travels back to the browser.")
                .browser(key)
                .message(message.clone()),
        );
        let browser = &mut self.browsers[index];
        let jar_changes = browser.receive(path, &response, now, channel);
        let script = crate::sim::page_script::after_response(browser, path, &response, channel);
        let token = self.server.mechanism() == crate::server::Mechanism::Token;
        tracer.set_browser(view(browser, &self.server));
        let mut narration: Vec<String> = jar_changes.iter().map(|c| describe_jar_change(c, &session, token)).collect();
        narration.extend(script.map(str::to_owned));
        let subject = if narration.is_empty() { "The browser" } else { "It" };
        narration.push(format!(
            "{subject} shows the page: {} \u{201c}{}\u{201d}",
            response.status.0,
            response.body.as_deref().unwrap_or("")
        ));
        tracer.push(
            StepDraft::new(Actor::Browser, StepKind::ResponseReceived { jar_changes }, narration.join(" "))
                .browser(key)
                .message(message),
        );
        Ok(response)
    }

    /// Sends a request to the server, or, with several servers, through the
    /// load balancer to one of them; returns the response as the browser gets it.
    pub(super) fn serve(
        &mut self,
        index: usize,
        request: &crate::base::http::Request,
        now: crate::base::clock::Instant,
        tracer: &mut Tracer,
    ) -> crate::base::http::Response {
        let Some(cluster) = &mut self.cluster else {
            let response = self.as_server(None, None, tracer, |server, ctx| server.handle(request, ctx));
            tracer.attach_to_last_response(HttpMessage::from(&response));
            return response;
        };
        let route = cluster.route(self.server.settings.balancing, request);
        let reachable = cluster.store_reachable;
        if let Some(view) = tracer.cluster_mut() {
            view.action.requests += 1;
            view.total.requests += 1;
        }
        self.refresh(tracer, route.node);
        let key = self.browsers[index].key.clone();
        let routed = StepKind::Routed { server: route.node.map(server_name) };
        tracer
            .push(StepDraft::new(Actor::Balancer, routed, route.why).browser(&key).message(HttpMessage::from(request)));
        let Some(node) = route.node else {
            return crate::base::http::Response::text(
                crate::base::http::Status::SERVICE_UNAVAILABLE,
                "No server is available to handle this request.",
            );
        };
        let elsewhere = self.elsewhere_note(index, node);
        let store_down = !reachable && self.server.settings.store_dialect().survives_restart();
        let response = self.as_server(Some(node), elsewhere, tracer, |server, ctx| match store_down {
            true => server.handle_store_down(request, ctx),
            false => server.handle(request, ctx),
        });
        tracer.attach_to_last_response(HttpMessage::from(&response));
        let Some(cluster) = self.cluster.as_mut().filter(|_| route.pin) else { return response };
        let header = cluster.affinity_cookie(node, now);
        let response = response.with_header("Set-Cookie", header.clone());
        let narration = format!(
            "On the way back, the load balancer adds a cookie of its own to the response: Set-Cookie: {header}. It \
             pins this browser to {} while the cookie lasts (7 days; AWS's stickiness duration, 1 day by default, \
             can end the pinning sooner). AWS's balancer also sets a copy named {AFFINITY_COOKIE}CORS with \
             SameSite=None; Secure, for cross-origin requests; it is left out here. So is the re-issue: a real \
             balancer sends a fresh {AFFINITY_COOKIE} (a new encrypted value, a new Expires) with every response, \
             so the pin slides with use; here it is set only when the balancer picks a server.",
            server_name(node)
        );
        let affinity = StepKind::AffinitySet { server: server_name(node) };
        tracer.push(
            StepDraft::new(Actor::Balancer, affinity, narration).browser(&key).message(HttpMessage::from(&response)),
        );
        response
    }

    /// With one store per server: why server `node` will not find the
    /// browser's record, when another server holds it.
    pub(super) fn elsewhere_note(&self, index: usize, node: usize) -> Option<String> {
        let cluster = self.cluster.as_ref().filter(|_| self.per_server())?;
        let id = self.server.ticket_in(&self.browsers[index].jar)?;
        let holders: Vec<String> = (0..cluster.nodes.len())
            .filter(|&i| i != node && cluster.nodes[i].store.contains(&id))
            .map(server_name)
            .collect();
        let Some(holder) = holders.first() else {
            let lost = cluster.lost.get(&id)?;
            return Some(format!(
                "The record was in {}'s memory, and it was lost when {} stopped: the ticket names nothing now, on \
                 any server.",
                server_name(*lost),
                server_name(*lost)
            ));
        };
        Some(format!(
            "The record is in {holder}'s memory, and {} cannot see into another process's memory: here the ticket \
             names nothing. To this user it looks as if they were logged out at random.",
            server_name(node)
        ))
    }
}

/// What a jar change means; `token` when the cookie the server reads is a
/// signed token rather than a session's ID.
pub(super) fn describe_jar_change(change: &JarChange, session: &str, token: bool) -> String {
    match change {
        JarChange::Stored { name } if token && name == session => format!(
            "The browser files the {name} cookie in its jar for this site. Unlike a session ID, the token says \
             something by itself: anyone can decode its claims (they are only base64url), though only the server \
             can make its signature."
        ),
        JarChange::Stored { name } if name == AFFINITY_COOKIE => format!(
            "The browser files the {name} cookie in its jar too: the load balancer's own, which the app never reads. \
             The browser will send it with every request to this site, like any other cookie."
        ),
        JarChange::Replaced { name } if name == AFFINITY_COOKIE => {
            format!("The browser replaces its {name} cookie with the new one, which names another server.")
        }
        JarChange::Stored { name } | JarChange::Replaced { name } if name != session => {
            format!("The browser files the {name} cookie in its jar.")
        }
        JarChange::Stored { name } => format!(
            "The browser files the {name} cookie in its jar for this site. The ticket means nothing by itself: only \
             the server can look it up."
        ),
        JarChange::Replaced { name } => {
            format!("The browser replaces the {name} cookie in its jar with the one just received.")
        }
        JarChange::Deleted { name } => {
            format!("The browser deletes the {name} cookie from its jar: the ticket is gone.")
        }
        JarChange::NothingToDelete { name } => {
            format!("The server asked to delete the {name} cookie, but the jar did not hold one.")
        }
        JarChange::Rejected { reason } => {
            format!("The browser ignores a Set-Cookie header: {}.", reason.why())
        }
    }
}
