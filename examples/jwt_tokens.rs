//! Writes the tokens the engine signs, one per input line, so a real JWT
//! library can verify them (`make verify-real`, `verify/tokens/record.py`).
//!
//! Each input line is `sub TAB iat TAB exp TAB jti TAB secret`, optionally
//! followed by `TAB sid TAB ver` (either empty when absent); each output line
//! is the token the playground's token server would hand out for it.

use session_playground::jwt::{sign, Claims};
use std::io::{self, BufRead, Write};

fn main() {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for line in io::stdin().lock().lines() {
        let line = line.expect("stdin is text");
        let fields: Vec<&str> = line.split('\t').collect();
        // The optional claims may be left out, or given empty.
        let (sub, iat, exp, jti, secret, sid, ver) = match fields[..] {
            [sub, iat, exp, jti, secret] => (sub, iat, exp, jti, secret, "", ""),
            [sub, iat, exp, jti, secret, sid, ver] => (sub, iat, exp, jti, secret, sid, ver),
            _ => {
                eprintln!(
                    "jwt_tokens: expected sub, iat, exp, jti, secret (and sid, ver) separated by tabs, got {line:?}"
                );
                std::process::exit(2);
            }
        };
        let seconds = |text: &str| {
            text.parse().unwrap_or_else(|_| {
                eprintln!("jwt_tokens: {text:?} is not a whole number of seconds");
                std::process::exit(2)
            })
        };
        let mut claims = Claims::new(sub, seconds(iat), seconds(exp), jti);
        claims.sid = (!sid.is_empty()).then(|| sid.to_owned());
        claims.ver = (!ver.is_empty()).then(|| seconds(ver));
        writeln!(out, "{}", sign(&claims, secret.as_bytes())).expect("stdout is writable");
    }
}
