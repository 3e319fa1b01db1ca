//! Plain English for HTTP messages: what each line of a request or a
//! response means, for the page's inspector.
//!
//! The explanations read the message the way the receiving side would: the
//! `Set-Cookie` meaning comes from parsing the header as a browser does.

use crate::base::http::{form_decode, parse_cookie_header, Request, Response};
use crate::browser::cookie::SameSite;
use serde::Serialize;

/// One line of a message with what it means.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExplainedLine {
    /// The line as sent.
    pub text: String,
    /// What it means, in a sentence or two.
    pub meaning: String,
}

fn line(text: String, meaning: impl Into<String>) -> ExplainedLine {
    ExplainedLine { text, meaning: meaning.into() }
}

/// Each line of a request, explained.
pub fn request(request: &Request) -> Vec<ExplainedLine> {
    let mut lines = vec![line(
        request.start_line(),
        format!(
            "{} {}: {}",
            request.method,
            request.path,
            match request.method {
                crate::base::http::Method::Get => "the browser asks for this page.",
                crate::base::http::Method::Post => "the browser submits something to this address.",
            }
        ),
    )];
    for h in &request.headers {
        let text = format!("{}: {}", h.name, h.value);
        let meaning = match h.name.as_str() {
            "Host" => "Which site the request is for. Cookies are chosen by this host.".to_owned(),
            "Content-Type" => "The body is a form, encoded the way HTML forms are.".to_owned(),
            "Cookie" => {
                let names: Vec<String> =
                    parse_cookie_header(&h.value).iter().map(|(name, _)| (*name).to_owned()).collect();
                format!(
                    "The cookies the browser holds for this site, attached without being asked: {}. Only names and \
                     values travel; the attributes stay in the jar.",
                    names.join(", ")
                )
            }
            _ => "A header.".to_owned(),
        };
        lines.push(line(text, meaning));
    }
    if let Some(body) = &request.body {
        let fields: Vec<String> = form_decode(body).into_iter().map(|(k, _)| k).collect();
        lines.push(line(
            body.clone(),
            format!(
                "The body: the form fields {}. Over https it is encrypted on the way; only the server reads it.",
                fields.join(" and ")
            ),
        ));
    }
    lines
}

/// Each line of a response, explained.
pub fn response(response: &Response) -> Vec<ExplainedLine> {
    let status = match response.status.0 {
        200 => "Success: here is the page.",
        400 => "The request was malformed.",
        401 => "Not authenticated: the server does not know who this is (no valid session).",
        404 => "There is no such page.",
        500 => "The server failed.",
        _ => "A status code.",
    };
    let mut lines = vec![line(response.start_line(), status)];
    for h in &response.headers {
        let text = format!("{}: {}", h.name, h.value);
        let meaning = match h.name.as_str() {
            "Set-Cookie" => set_cookie(&h.value),
            "Content-Type" => "The body is an HTML page.".to_owned(),
            _ => "A header.".to_owned(),
        };
        lines.push(line(text, meaning));
    }
    if let Some(body) = &response.body {
        lines.push(line(body.clone(), "The page itself (shortened to its text)."));
    }
    lines
}

/// What a `Set-Cookie` header asks of the browser, attribute by attribute.
pub fn set_cookie(header: &str) -> String {
    // The same parser the browser's jar uses.
    let cookie = match crate::browser::jar::parse(header) {
        Ok(cookie) => cookie,
        Err(why) => return format!("A Set-Cookie header the browser will ignore: {why}."),
    };
    let mut parts = Vec::new();
    let deletes = cookie.max_age.is_some_and(|m| m <= 0)
        || (cookie.max_age.is_none() && cookie.expires.is_some_and(|unix| unix < 1_000_000_000));
    if deletes {
        parts.push(format!("Asks the browser to delete its {} cookie", cookie.name));
    } else {
        parts.push(format!("Asks the browser to store a cookie named {} holding {}", cookie.name, cookie.value));
    }
    if let Some(path) = &cookie.path {
        parts.push(format!("Path={path}: sent with every request whose path starts with {path}"));
    }
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
    if cookie.name.starts_with("__Host-") {
        parts.push("__Host- prefix: the browser insists on Secure, Path=/ and no Domain".to_owned());
    }
    format!("{}.", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::set_cookie;

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
