//! The wire inspector in English (`ExplainMessage`): each line of a request
//! or a response in plain words, and a `Set-Cookie` read attribute by
//! attribute as the browser will apply it.

use crate::base::http::Method;
use crate::browser::cookie::SameSite;
use crate::browser::jar::Parsed;
use crate::text::message::explain::ExplainMessage;
use crate::text::message::JarMessage;

/// The line's meaning in English.
pub(super) fn render(message: &ExplainMessage<'_>) -> String {
    match *message {
        ExplainMessage::RequestLine { method, path } => format!(
            "{method} {path}: {}",
            match method {
                Method::Get => "the browser asks for this page.",
                Method::Post => "the browser submits something to this address.",
            }
        ),
        ExplainMessage::Host => "Which site the request is for. Cookies are chosen by this host.".to_owned(),
        ExplainMessage::FormContentType => "The body is a form, encoded the way HTML forms are.".to_owned(),
        ExplainMessage::Cookie { names } => format!(
            "The cookies the browser holds for this site, attached without being asked: {}. Only names and values \
             travel; the attributes stay in the jar.",
            names.join(", ")
        ),
        ExplainMessage::FormBody { fields } => format!(
            "The body: the form fields {}. Over https it is encrypted on the way; only the server reads it.",
            fields.join(" and ")
        ),
        ExplainMessage::Status(status) => match status.0 {
            200 => "Success: here is the page.",
            400 => "The request was malformed.",
            401 => "Not authenticated: the server does not know who this is (no valid session).",
            404 => "There is no such page.",
            500 => "The server failed.",
            _ => "A status code.",
        }
        .to_owned(),
        ExplainMessage::PageContentType => "The body is an HTML page.".to_owned(),
        ExplainMessage::PageBody => "The page itself (shortened to its text).".to_owned(),
        ExplainMessage::SetCookieIgnored(why) => {
            format!(
                "A Set-Cookie header the browser will ignore: {}.",
                super::jar::render(&JarMessage::Unparsable(why))
            )
        }
        ExplainMessage::SetCookie { cookie, deletes, host_prefix } => set_cookie(cookie, deletes, host_prefix),
        ExplainMessage::OtherHeader => "A header.".to_owned(),
    }
}

/// What a parsed `Set-Cookie` asks of the browser, one clause per attribute.
fn set_cookie(cookie: &Parsed, deletes: bool, host_prefix: bool) -> String {
    let mut parts = Vec::new();
    if deletes {
        parts.push(format!("Asks the browser to delete its {} cookie", cookie.name));
    } else {
        parts.push(format!("Asks the browser to store a cookie named {} holding {}", cookie.name, cookie.value));
    }
    if let Some(path) = &cookie.path {
        parts.push(format!("Path={path}: sent with every request whose path starts with {path}"));
    }
    // How long it lives: Max-Age wins over Expires; neither makes a session cookie.
    if let Some(max_age) = cookie.max_age {
        if max_age > 0 {
            parts.push(format!("Max-Age={max_age}: kept for {max_age} seconds, across browser restarts"));
        }
    } else if cookie.expires.is_some() && !deletes {
        parts.push("Expires: kept until that date, across browser restarts".to_owned());
    } else if !deletes {
        parts.push("no Max-Age or Expires: forgotten when the browser closes".to_owned());
    }
    if cookie.http_only {
        parts.push("HttpOnly: page scripts cannot read it through document.cookie".to_owned());
    }
    if cookie.secure {
        parts.push("Secure: sent only over https".to_owned());
    }
    match cookie.same_site {
        Some(SameSite::Strict) => parts.push("SameSite=Strict: never sent on requests other sites start".to_owned()),
        Some(SameSite::Lax) => parts.push(
            "SameSite=Lax: sent on other sites' links (top-level GET) but not their forms or embedded requests"
                .to_owned(),
        ),
        Some(SameSite::None) => parts.push("SameSite=None: sent on cross-site requests too".to_owned()),
        None if !deletes => parts.push("no SameSite: the browser's default applies".to_owned()),
        None => {}
    }
    if host_prefix {
        parts.push("__Host- prefix: the browser insists on Secure, Path=/ and no Domain".to_owned());
    }
    format!("{}.", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use crate::text::explain::set_cookie;

    #[test]
    fn set_cookie_headers_are_explained_attribute_by_attribute() {
        assert_eq!(
            set_cookie("sid=abc; Path=/; HttpOnly; SameSite=Lax"),
            "Asks the browser to store a cookie named sid holding abc; Path=/: sent with every request whose path \
             starts with /; no Max-Age or Expires: forgotten when the browser closes; HttpOnly: page scripts cannot \
             read it through document.cookie; SameSite=Lax: sent on other sites' links (top-level GET) but not their \
             forms or embedded requests."
        );
        assert!(set_cookie("sid=; Path=/; Max-Age=0").starts_with("Asks the browser to delete its sid cookie;"));
        assert!(
            set_cookie("c=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT").starts_with("Asks the browser to delete")
        );
        assert!(set_cookie("=").contains("will ignore: it has neither a name nor a value"));
    }
}
