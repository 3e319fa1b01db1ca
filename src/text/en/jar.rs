//! The cookie jar's reasons in English ([`JarMessage`]).

use crate::browser::jar::{Rejection, SetCookieError, UrlError};
use crate::browser::reason::{LaxBlocks, SendReason};
use crate::text::message::JarMessage;

/// The jar's message in English.
pub fn render(message: &JarMessage<'_>) -> String {
    match message {
        JarMessage::Why(rejection) => why(rejection),
        JarMessage::Ignored(rejection @ Rejection::NotHttp(_)) => why(rejection),
        JarMessage::Ignored(rejection) => format!("ignored: {}", why(rejection)),
        JarMessage::Send(reason) => send(reason),
        JarMessage::Unparsable(error) => unparsable(error),
        JarMessage::BadUrl(UrlError::NotAbsolute(text)) => format!("\"{text}\" is not an absolute URL"),
        JarMessage::BadUrl(UrlError::NoHost(text)) => format!("\"{text}\" has no host"),
    }
}

/// Why a header was ignored, as a clause.
fn why(rejection: &Rejection) -> String {
    match rejection {
        Rejection::NotHttp(scheme) => format!("cookies come only from http and https URLs, not {scheme}"),
        Rejection::Unparsable(error) => unparsable(error),
        Rejection::PublicSuffix { domain } => format!("Domain={domain} is a public suffix, shared by unrelated sites"),
        Rejection::DomainMismatch { domain, host } => format!("Domain={domain} does not cover the host {host}"),
        Rejection::SecureOverHttp => "a Secure cookie can only be set over https".to_owned(),
        Rejection::ScriptSetsHttpOnly => "a script cannot set an HttpOnly cookie".to_owned(),
        Rejection::ShadowsSecure => "over plain http it would overwrite a Secure cookie of the same name".to_owned(),
        Rejection::SameSiteNoneWithoutSecure => "SameSite=None requires Secure".to_owned(),
        Rejection::CrossSiteSubresource => {
            "a response to another site's embedded request can set only SameSite=None cookies".to_owned()
        }
        Rejection::NamelessPrefix => "a nameless cookie cannot pose as a __Secure- or __Host- cookie".to_owned(),
        Rejection::SecurePrefix => "a __Secure- cookie must be Secure".to_owned(),
        Rejection::HostPrefix => "a __Host- cookie must be Secure, have Path=/ and no Domain".to_owned(),
        Rejection::ScriptOverwritesHttpOnly => "a script cannot overwrite an HttpOnly cookie".to_owned(),
    }
}

/// Why a `Set-Cookie` string does not parse.
fn unparsable(error: &SetCookieError) -> String {
    match error {
        SetCookieError::ControlCharacter(c) => format!("it contains the control character U+{:04X}", *c as u32),
        SetCookieError::NoNameNorValue => "it has neither a name nor a value".to_owned(),
        SetCookieError::TooLong { bytes, limit } => {
            format!("its name and value are {bytes} bytes together, over the limit of {limit}")
        }
    }
}

/// Why one cookie went or stayed home.
fn send(reason: &SendReason) -> String {
    let default = |defaulted: bool| if defaulted { " (the browser's default for a missing SameSite)" } else { "" };
    match reason {
        SendReason::Sent => "sent: it matches the host and path, and nothing holds it back".to_owned(),
        SendReason::VisibleToScript => {
            "visible to document.cookie: it matches the host and path and is not HttpOnly".to_owned()
        }
        SendReason::Expired => "withheld: it has expired".to_owned(),
        SendReason::HostOnly { domain, host } => format!("withheld: it is host-only for {domain}, and this is {host}"),
        SendReason::OutsideDomain { host, domain } => format!("withheld: {host} is not within Domain={domain}"),
        SendReason::PathNotUnder { path, cookie_path } => {
            format!("withheld: the path {path} is not under Path={cookie_path}")
        }
        SendReason::SecureOnHttp => "withheld: it is Secure and this request is plain http".to_owned(),
        SendReason::HiddenFromScript => "withheld: it is HttpOnly, hidden from document.cookie".to_owned(),
        SendReason::Strict { defaulted } => {
            format!("withheld: SameSite=Strict{} on a cross-site request", default(*defaulted))
        }
        SendReason::Lax { defaulted, on } => {
            let what = match on {
                LaxBlocks::CrossSitePost => "a cross-site POST",
                LaxBlocks::CrossSiteEmbed => "a cross-site embedded request",
            };
            format!("withheld: SameSite=Lax{} on {what}", default(*defaulted))
        }
        SendReason::NotHttp(scheme) => format!("withheld: {scheme} URLs get no cookies"),
    }
}

#[cfg(test)]
mod tests {
    use crate::browser::jar::{JarChange, Rejection, SetCookieError};

    #[test]
    fn a_rejection_reads_as_the_jar_reports_it_and_serializes_as_those_words() {
        assert_eq!(Rejection::SecureOverHttp.to_string(), "ignored: a Secure cookie can only be set over https");
        // A URL that is not http gets no cookie at all: no "ignored:".
        assert_eq!(
            Rejection::NotHttp("ftp".to_owned()).to_string(),
            "cookies come only from http and https URLs, not ftp"
        );
        let change = JarChange::Rejected { reason: Rejection::Unparsable(SetCookieError::ControlCharacter('\u{1}')) };
        assert_eq!(
            crate::base::json::to_json(&change),
            r#"{"outcome":"rejected","reason":"ignored: it contains the control character U+0001"}"#
        );
    }
}
