//! One HTTP round trip: the browser builds the request from its jar, the
//! request travels (through the load balancer, with several servers) to the
//! server, and the response comes back into the jar.

use super::{view, World, WorldError};
use crate::base::http::Method;
use crate::browser::{Channel, JarChange};
use crate::library::topology::{server_name, AFFINITY_COOKIE};
use crate::text::message::world::{CookiesSent, Doing, WorldMessage};
use crate::text::say;
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
        let response = self.round_trip(key, method, path, form, Channel::NORMAL, false, tracer)?;
        // The app's script renews an expired access token and tries once more.
        let renewing = crate::library::token::REFRESH_PATH;
        if path == renewing || !crate::sim::page_script::wants_renewal(&response, Channel::NORMAL) {
            return Ok(());
        }
        let form = crate::sim::page_script::renewal_form(&self.browsers[self.index_of(key)?]);
        let renewed = self.round_trip(key, Method::Post, renewing, Some(form), Channel::NORMAL, false, tracer)?;
        if renewed.status == crate::base::http::Status::OK {
            self.round_trip(key, method, path, again, Channel::NORMAL, true, tracer)?;
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
        self.round_trip(key, method, path, form, channel, false, tracer).map(|_| ())
    }

    /// One round trip, returning the response as the browser took it in;
    /// `again` when the page's script sends a request again after a renewal.
    #[allow(clippy::too_many_arguments)]
    fn round_trip(
        &mut self,
        key: &str,
        method: Method,
        path: &str,
        form: Option<String>,
        channel: Channel,
        again: bool,
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

        let cookies = match request.header("Cookie") {
            Some(cookies) => CookiesSent::Header(cookies),
            None if cookie_decisions.is_empty() => CookiesSent::NoneHeld,
            None => CookiesSent::NoneSent,
        };
        let decision = session_decision.as_deref();
        let doing = match (method, path) {
            _ if !channel.context.same_site => {
                Doing::CrossSiteForm { site: crate::browser::OTHER_SITE, method, path, session: &session, decision }
            }
            _ if channel.scheme == "http" => Doing::PlainHttp { path, session: &session, decision },
            (Method::Post, "/login") => Doing::Login,
            (Method::Post, "/logout") => Doing::Logout,
            (Method::Post, "/logout-everywhere") => Doing::LogoutEverywhere,
            (Method::Post, "/password") => Doing::ChangePassword,
            (Method::Post, crate::library::token::REFRESH_PATH) => Doing::Renew { carry: self.server.settings.carry },
            _ => Doing::Open { path, method },
        };
        // A request the page's script sends again after renewing its token says so.
        let first = doing;
        let doing = if again { Doing::Again(&first) } else { first };
        let narration = say(WorldMessage::RequestBuilt { browser: &browser.label, doing, cookies, bearer });
        let message = HttpMessage::from(&request);
        tracer.push(
            StepDraft::new(Actor::Browser, StepKind::RequestBuilt { cookie_decisions }, narration)
                .browser(key)
                .message(message.clone()),
        );
        let travel = say(WorldMessage::RequestTravels {
            balancer: self.cluster.is_some(),
            plain_http: channel.scheme == "http",
        });
        tracer.push(StepDraft::new(Actor::Network, StepKind::RequestSent, travel).browser(key).message(message));
        if channel.scheme == "http" {
            self.eavesdrop(index, &request, tracer);
        }

        let response = self.serve(index, &request, now, tracer);
        let message = HttpMessage::from(&response);
        tracer.push(
            StepDraft::new(Actor::Network, StepKind::ResponseSent, say(WorldMessage::ResponseTravels))
                .browser(key)
                .message(message.clone()),
        );
        let browser = &mut self.browsers[index];
        let jar_changes = browser.receive(path, &response, now, channel);
        let script = crate::sim::page_script::after_response(browser, path, &response, channel);
        let token = self.server.mechanism() == crate::server::Mechanism::Token;
        tracer.set_browser(view(browser, &self.server));
        let mut narration: Vec<String> = jar_changes.iter().map(|c| describe_jar_change(c, &session, token)).collect();
        narration.extend(script);
        narration.push(say(WorldMessage::PageShown {
            first: narration.is_empty(),
            status: response.status.0,
            body: response.body.as_deref().unwrap_or(""),
        }));
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
                &say(WorldMessage::NoServerBody),
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
        let server = server_name(node);
        let narration = say(WorldMessage::AffinitySet { header: &header, server: &server, cookie: AFFINITY_COOKIE });
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
            return Some(say(WorldMessage::RecordLostWith { server: &server_name(*lost) }));
        };
        Some(say(WorldMessage::RecordHeldBy { holder, server: &server_name(node) }))
    }
}

/// What a jar change means; `token` when the cookie the server reads is a
/// signed token rather than a session's ID.
pub(super) fn describe_jar_change(change: &JarChange, session: &str, token: bool) -> String {
    say(match change {
        JarChange::Stored { name } if token && name == session => WorldMessage::TokenCookieStored { name },
        JarChange::Stored { name } if name == AFFINITY_COOKIE => WorldMessage::AffinityCookieStored { name },
        JarChange::Replaced { name } if name == AFFINITY_COOKIE => WorldMessage::AffinityCookieReplaced { name },
        JarChange::Stored { name } | JarChange::Replaced { name } if name != session => {
            WorldMessage::OtherCookieStored { name }
        }
        JarChange::Stored { name } => WorldMessage::SessionCookieStored { name },
        JarChange::Replaced { name } => WorldMessage::SessionCookieReplaced { name },
        JarChange::Deleted { name } => WorldMessage::CookieDeleted { name },
        JarChange::NothingToDelete { name } => WorldMessage::NothingToDelete { name },
        JarChange::Rejected { reason } => return say(WorldMessage::SetCookieIgnored { why: &reason.why() }),
    })
}
