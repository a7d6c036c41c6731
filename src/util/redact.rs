//! Credentials never reach anything changegate writes. Every token the run is configured with
//! (flags, `GITHUB_TOKEN`, `GITLAB_TOKEN`, `CI_JOB_TOKEN`, …) is registered once, with the
//! base64 forms an API might echo back (the token alone, and `user:token` for Basic auth), and
//! `redact` replaces each with `***` in error messages, reports, summaries and notes, whatever
//! the text's source: an API that quotes the request's credential in its error body gets
//! nothing out.

use base64::Engine as _;
use std::sync::RwLock;

static SECRETS: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// Environment variables that hold credentials, registered by `register_environment`.
pub const TOKEN_VARIABLES: [&str; 6] = [
    "GITHUB_TOKEN",
    "GH_TOKEN",
    "GITLAB_TOKEN",
    "CI_JOB_TOKEN",
    "CHANGEGATE_GITHUB_TOKEN",
    "CHANGEGATE_GITLAB_TOKEN",
];

/// Remembers `token` (and its encodings) for redaction. Short values are ignored: redacting
/// `1` would mangle every report, and no real token is that short.
pub fn register(token: &str) {
    let token = token.trim();
    if token.len() < 8 {
        return;
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut forms = vec![token.to_owned(), b64.encode(token)];
    for user in ["x-access-token", "oauth2", "gitlab-ci-token", "git"] {
        forms.push(b64.encode(format!("{user}:{token}")));
    }
    let Ok(mut secrets) = SECRETS.write() else {
        return;
    };
    for form in forms {
        if !secrets.contains(&form) {
            secrets.push(form);
        }
    }
    // Longest first, so that a form containing another is replaced whole.
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
}

/// Registers every token variable set in the environment.
pub fn register_environment() {
    for name in TOKEN_VARIABLES {
        if let Ok(value) = std::env::var(name) {
            register(&value);
        }
    }
}

/// `text` with every registered credential replaced by `***`.
pub fn redact(text: &str) -> String {
    let Ok(secrets) = SECRETS.read() else {
        return text.to_owned();
    };
    let mut out = text.to_owned();
    for secret in secrets.iter() {
        if out.contains(secret.as_str()) {
            out = out.replace(secret.as_str(), "***");
        }
    }
    out
}

/// `redact` for bytes (reports are written as bytes); invalid UTF-8 is kept as it is.
pub fn redact_bytes(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(text) => redact(&text).into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registered_token_and_its_base64_forms_are_redacted() {
        let token = "ghp_redactionTestToken0123456789abcdef";
        register(token);
        let b64 = base64::engine::general_purpose::STANDARD;
        let echoed = format!(
            "bad credentials: {token}; basic {}; {}",
            b64.encode(format!("x-access-token:{token}")),
            b64.encode(token)
        );
        let clean = redact(&echoed);
        assert!(!clean.contains(token), "{clean}");
        assert_eq!(clean, "bad credentials: ***; basic ***; ***");
        register("short");
        assert_eq!(redact("short"), "short");
    }
}
