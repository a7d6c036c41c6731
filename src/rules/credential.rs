//! Whether a config value is a credential, not the name of one.
//!
//! A key called `password`, `token` or `secret` often holds a *reference*: the name of a
//! Kubernetes Secret (`secretName: payments-api-tls`), the key inside it (`passwordKey`,
//! `existingSecret.key: tracing.yaml`), a URL (`token_url`), a number (`max_tokens: 409600`), a
//! variable (`${DB_PASSWORD}`) or a placeholder. Referencing a secret store is what the rule asks
//! for, so those must pass. A value counts as a credential when it has a known credential format
//! (JWT, a connection string with a password, a prefixed token) or reads like random material:
//! letters mixed with digits or symbols, no spaces, no file-name or path shape, and enough
//! variety of characters. A name made of words (`jiraToken`, `payments-api-tls`) does not.

/// Key names (the last path segment, case-insensitive) that say the value refers to a secret
/// or describes one rather than holding it.
const REFERENCE_SUFFIXES: &[&str] = &[
    "name",
    "names",
    "passwordkey",
    "tokenkey",
    "usernamekey",
    "userkey",
    "ref",
    "reference",
    "file",
    "files",
    "path",
    "dir",
    "url",
    "uri",
    "endpoint",
    "length",
    "size",
    "ttl",
    "expiry",
    "expires",
    "count",
    "type",
    "mode",
    "enabled",
    "policy",
    "header",
    "prefix",
    "suffix",
    "env",
    "var",
    "field",
    "format",
    "version",
    "provider",
    "store",
    "mount",
    "hash",
    "algorithm",
    "secretkeyref",
    "selector",
];

/// Whether `value`, found at config key `key`, is a committed credential.
pub fn is_credential(key: &str, value: &str) -> bool {
    let last = key
        .rsplit(['.', '/'])
        .next()
        .unwrap_or(key)
        .trim_end_matches(']')
        .to_ascii_lowercase();
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
    if known_format(value) {
        return true;
    }
    // `key` alone names the entry of a Secret (`secretKeyRef.key`, `existingSecret.key`);
    // `apiKey`, `accessKey`, `secretKey` hold the credential itself.
    if last == "key"
        || last.starts_with("existing")
        || REFERENCE_SUFFIXES.iter().any(|s| last.ends_with(s))
    {
        return false;
    }
    random_material(value)
}

/// Formats that are credentials whatever the key: a JWT, a URL or DSN with a password.
fn known_format(value: &str) -> bool {
    let jwt = {
        let parts: Vec<&str> = value.split('.').collect();
        parts.len() == 3
            && value.starts_with("eyJ")
            && parts.iter().all(|p| {
                p.len() >= 8
                    && p.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            })
    };
    jwt || url_password(value).is_some_and(|p| !reference(p) && p.len() >= 4)
}

/// The password of `scheme://user:password@host…`, if any.
fn url_password(value: &str) -> Option<&str> {
    let (_, rest) = value.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let (userinfo, _) = authority.rsplit_once('@')?;
    let (_, password) = userinfo.split_once(':')?;
    Some(password)
}

/// `${X}`, `$X`, `{{ .Values.x }}`, `<your-token>`, `%(x)s`, `ENC[…]`: filled in elsewhere.
fn reference(value: &str) -> bool {
    value.starts_with('$')
        || value.starts_with('<')
        || value.starts_with('%')
        || value.contains("${")
        || value.contains("{{")
        || value.contains("}}")
        || value.starts_with("ENC[")
        || value.starts_with("vault:")
        || value.starts_with("ref+")
}

fn random_material(value: &str) -> bool {
    let len = value.chars().count();
    if !(8..=512).contains(&len) || reference(value) {
        return false;
    }
    if value.chars().any(char::is_whitespace) || value.contains("://") {
        return false;
    }
    if value.parse::<f64>().is_ok() || crate::util::quantity::quantity(value).is_some() {
        return false;
    }
    // Paths and file names: `/run/secrets/db`, `./certs/tls.key`, `tracing.yaml`.
    if value.starts_with('/') || value.starts_with("./") || value.starts_with("~/") {
        return false;
    }
    let lower = value.to_ascii_lowercase();
    const FILE_TYPES: &[&str] = &[
        ".yaml",
        ".yml",
        ".json",
        ".toml",
        ".pem",
        ".key",
        ".crt",
        ".cer",
        ".txt",
        ".env",
        ".conf",
        ".cfg",
        ".ini",
        ".properties",
        ".xml",
        ".p12",
        ".jks",
    ];
    if FILE_TYPES.iter().any(|t| lower.ends_with(t)) {
        return false;
    }
    let has_digit = value.chars().any(|c| c.is_ascii_digit());
    let has_alpha = value.chars().any(char::is_alphabetic);
    let has_symbol = value
        .chars()
        .any(|c| !c.is_alphanumeric() && !matches!(c, '-' | '_' | '.'));
    // Words joined by case or separators (`jiraToken`, `payments-api-tls`) are names.
    if !has_digit && !has_symbol {
        return false;
    }
    if !has_alpha {
        return false;
    }
    // Mostly one word with a version or index (`app-v2`, `tls-secret-1`) is still a name.
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let words_with_numbers = value
        .split(['-', '_', '.'])
        .all(|part| part.chars().all(|c| c.is_ascii_lowercase()) || version_like(part));
    if words_with_numbers && digits <= 3 && !has_symbol {
        return false;
    }
    entropy(value) >= 3.0
}

/// `v2`, `1`, `2024`: the numbered part of a name.
fn version_like(part: &str) -> bool {
    let rest = part.strip_prefix('v').unwrap_or(part);
    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit())
}

/// Shannon entropy in bits per character.
fn entropy(value: &str) -> f64 {
    let mut counts: std::collections::BTreeMap<char, f64> = std::collections::BTreeMap::new();
    let mut total = 0.0_f64;
    for c in value.chars() {
        *counts.entry(c).or_insert(0.0) += 1.0;
        total += 1.0;
    }
    counts
        .values()
        .map(|n| {
            let p = n / total;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::is_credential;

    #[test]
    fn references_names_urls_and_numbers_are_not_credentials() {
        // Each of these was reported as a committed credential on public charts and services.
        for (key, value) in [
            ("spec.tls.secretName", "payments-api-tls"),
            ("existingSecret.key", "tracing.yaml"),
            ("existingSecret.name", "argocd-secret"),
            ("redis.passwordKey", "redis-password"),
            ("oauth.token_url", "https://auth.example.com/oauth/token"),
            ("llm.max_tokens", "409600"),
            ("jira.password", "jiraToken"),
            ("db.password", "${DB_PASSWORD}"),
            ("db.password", "{{ .Values.db.password }}"),
            ("db.password_file", "/run/secrets/db"),
            ("api.token", "<your-token-here>"),
            ("auth.secret", "my-app-secret-v2"),
            ("auth.passwordKey", "admin-password"),
            ("env.valueFrom.secretKeyRef.key", "token"),
            ("token.ttl", "24h"),
        ] {
            assert!(!is_credential(key, value), "{key}: {value}");
        }
    }

    #[test]
    fn random_material_and_known_formats_are_credentials() {
        for (key, value) in [
            ("database.password", "hunter2-prod-9"),
            ("apiKey", "a8f3d9e1c2b4"),
            ("auth.token", "Zk9xR2tL8mQ4vT1w"),
            (
                "session.secret",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            ),
            ("db.url", "postgres://app:S3cr3t!pass@db.internal:5432/app"),
            ("admin.password", "P@ssw0rd!2024"),
        ] {
            assert!(is_credential(key, value), "{key}: {value}");
        }
    }
}
