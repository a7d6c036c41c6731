//! REST calls to GitHub and GitLab through octocrab's HTTP client (hyper + rustls with bundled
//! roots), with changegate's own retry policy:
//! exponential backoff on 5xx and connection errors, `retry-after` on secondary rate limits,
//! waiting for `x-ratelimit-reset` only up to a bound. The token never appears in an error.

use octocrab::Octocrab;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::time::Duration;

/// Why a call failed. Deliberately holds no request headers: the token must not leak.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{service} API {method} {path}: HTTP {status}: {message}")]
    Status {
        service: &'static str,
        method: &'static str,
        path: String,
        status: u16,
        message: String,
    },
    #[error("{service} API {method} {path}: rate limited for {wait}s, longer than the {limit}s changegate waits")]
    RateLimited {
        service: &'static str,
        method: &'static str,
        path: String,
        wait: u64,
        limit: u64,
    },
    #[error("{service} API {method} {path}: {message}")]
    Transport {
        service: &'static str,
        method: &'static str,
        path: String,
        message: String,
    },
    #[error("{service} API {method} {path}: unexpected response: {message}")]
    Decode {
        service: &'static str,
        method: &'static str,
        path: String,
        message: String,
    },
}

impl ApiError {
    /// The HTTP status, for callers that fall back on 403/404.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The API's own message.
    pub fn message(&self) -> &str {
        match self {
            ApiError::Status { message, .. }
            | ApiError::Transport { message, .. }
            | ApiError::Decode { message, .. } => message,
            ApiError::RateLimited { .. } => "rate limited",
        }
    }
}

/// Retry settings.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub max_retries: u32,
    /// First backoff; doubles each time.
    pub base_delay: Duration,
    /// The longest changegate waits for a rate limit to reset.
    pub max_wait: Duration,
    /// All requests of one client together may take this long (a blackholed API must not hold
    /// the job for ten minutes): past it, the call fails (exit 2) and says so.
    pub total: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            base_delay: Duration::from_millis(500),
            max_wait: Duration::from_secs(120),
            total: Duration::from_secs(180),
        }
    }
}

/// How requests authenticate.
pub enum Auth {
    /// `Authorization: Bearer …` (GitHub tokens).
    Bearer(String),
    /// A named header (GitLab's `PRIVATE-TOKEN`).
    Header(&'static str, String),
}

/// A REST client for one API root (`GITHUB_API_URL`, GHES `https://HOST/api/v3`, or GitLab's
/// `CI_API_V4_URL`).
pub struct Client {
    octocrab: Octocrab,
    api_url: String,
    retry: RetryPolicy,
    service: &'static str,
    /// When the client was made: `retry.total` counts from here.
    started: std::time::Instant,
}

#[derive(Clone, Copy)]
enum Method {
    Get,
    Post,
    Patch,
    Put,
}

impl Method {
    fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
        }
    }
}

impl Client {
    /// Builds the client. TLS uses bundled webpki roots, so a static binary on a minimal image
    /// needs no system certificates.
    pub fn new(
        service: &'static str,
        api_url: &str,
        auth: Auth,
        retry: RetryPolicy,
    ) -> Result<Client, ApiError> {
        let transport = |message: String| ApiError::Transport {
            service,
            method: "GET",
            path: "/".into(),
            message,
        };
        let credential = match auth {
            Auth::Bearer(token) => {
                crate::util::redact::register(&token);
                (http::header::AUTHORIZATION, format!("Bearer {token}"))
            }
            Auth::Header(name, value) => {
                crate::util::redact::register(&value);
                (http::HeaderName::from_static(name), value)
            }
        };
        let uri: http::Uri = api_url
            .parse()
            .map_err(|e| transport(format!("invalid API URL `{api_url}`: {e}")))?;
        if !matches!(uri.scheme_str(), Some("https" | "http")) || uri.host().is_none() {
            return Err(transport(format!(
                "invalid API URL `{api_url}`: expected https://HOST/…"
            )));
        }
        let octocrab = build_octocrab(credential).map_err(transport)?;
        Ok(Client {
            octocrab,
            api_url: api_url.trim_end_matches('/').to_owned(),
            retry,
            service,
            started: std::time::Instant::now(),
        })
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        self.send(Method::Get, path, None::<&()>).await
    }

    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send(Method::Post, path, Some(body)).await
    }

    pub async fn patch<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send(Method::Patch, path, Some(body)).await
    }

    pub async fn put<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send(Method::Put, path, Some(body)).await
    }

    /// Every item of a paginated list (`per_page=100`). The server says when the list ends:
    /// GitHub's and GitLab's `Link: rel="next"`, or GitLab's `x-next-page` (empty on the last
    /// page). Only an answer with neither header ends at the first short page. A short page is not
    /// the end when the server says otherwise: GitLab drops items the caller may not read *after*
    /// paginating (notes), so page 1 can hold 97 items while page 2 exists.
    pub async fn paginate<T: DeserializeOwned>(&self, path: &str) -> Result<Vec<T>, ApiError> {
        const PER_PAGE: usize = 100;
        const MAX_PAGES: usize = 1000;
        let mut out = Vec::new();
        let separator = if path.contains('?') { '&' } else { '?' };
        for page in 1..=MAX_PAGES {
            let (items, next): (Vec<T>, NextPage) = self
                .send_paged(
                    Method::Get,
                    &format!("{path}{separator}per_page={PER_PAGE}&page={page}"),
                    None::<&()>,
                    Retry::Always,
                )
                .await?;
            let n = items.len();
            out.extend(items);
            let more = match next {
                NextPage::Said(more) => more,
                NextPage::Unsaid => n >= PER_PAGE,
            };
            if !more {
                break;
            }
        }
        Ok(out)
    }

    /// A POST that is sent once whatever happens to it: a 5xx or a lost connection may still have
    /// created the resource, so the caller looks before posting again (a retried note would be
    /// posted twice). Rate limits, which GitLab and GitHub answer before acting, are still waited
    /// out.
    pub async fn post_once<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send_paged(Method::Post, path, Some(body), Retry::RateLimitsOnly)
            .await
            .map(|(value, _)| value)
    }

    async fn send<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, ApiError> {
        self.send_paged::<B, T>(method, path, body, Retry::Always)
            .await
            .map(|(value, _)| value)
    }

    /// `send`, also saying what the answer says about a next page.
    async fn send_paged<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        retry: Retry,
    ) -> Result<(T, NextPage), ApiError> {
        let url = format!("{}{path}", self.api_url);
        // Whatever a body quotes (a summary, a note, annotations), no credential leaves in it.
        let body: Option<serde_json::Value> = match body {
            Some(body) => {
                let text = serde_json::to_string(body).map_err(|e| ApiError::Decode {
                    service: self.service,
                    method: method.name(),
                    path: path.to_owned(),
                    message: e.to_string(),
                })?;
                serde_json::from_str(&crate::util::redact::redact(&text)).ok()
            }
            None => None,
        };
        let body = body.as_ref();
        let mut attempt = 0;
        let out_of_time = || {
            ApiError::Transport {
            service: self.service,
            method: method.name(),
            path: path.to_owned(),
            message: format!(
                "no answer within the {} s all API calls of this run may take together (CHANGEGATE_API_TOTAL_SECS)",
                self.retry.total.as_secs()
            ),
        }
        };
        loop {
            let Some(left) = self.retry.total.checked_sub(self.started.elapsed()) else {
                return Err(out_of_time());
            };
            let request = async {
                match method {
                    Method::Get => self.octocrab._get(url.as_str()).await,
                    Method::Post => self.octocrab._post(url.as_str(), body).await,
                    Method::Patch => self.octocrab._patch(url.as_str(), body).await,
                    Method::Put => self.octocrab._put(url.as_str(), body).await,
                }
            };
            let response = match tokio::time::timeout(left, request).await {
                Ok(response) => response,
                Err(_) => return Err(out_of_time()),
            };
            let wait = match response {
                Err(e) => {
                    if attempt >= self.retry.max_retries || retry == Retry::RateLimitsOnly {
                        return Err(ApiError::Transport {
                            service: self.service,
                            method: method.name(),
                            path: path.to_owned(),
                            message: transport_message(&e),
                        });
                    }
                    self.backoff(attempt)
                }
                Ok(response) => {
                    let status = response.status();
                    let headers = response.headers().clone();
                    let text = self
                        .octocrab
                        .body_to_string(response)
                        .await
                        .unwrap_or_default();
                    if status.is_success() {
                        let text = if text.trim().is_empty() {
                            "null"
                        } else {
                            text.as_str()
                        };
                        let next = NextPage::from_headers(&headers);
                        return serde_json::from_str(text)
                            .map(|value| (value, next))
                            .map_err(|e| ApiError::Decode {
                                service: self.service,
                                method: method.name(),
                                path: path.to_owned(),
                                message: e.to_string(),
                            });
                    }
                    let header = |name: &str| {
                        headers
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .and_then(|v| v.trim().parse::<i64>().ok())
                    };
                    let rate_wait = rate_limit_wait(status.as_u16(), &header);
                    match rate_wait {
                        Some(secs) if attempt < self.retry.max_retries => {
                            if Duration::from_secs(secs) > self.retry.max_wait {
                                return Err(ApiError::RateLimited {
                                    service: self.service,
                                    method: method.name(),
                                    path: path.to_owned(),
                                    wait: secs,
                                    limit: self.retry.max_wait.as_secs(),
                                });
                            }
                            Duration::from_secs(secs)
                        }
                        // A bare 429 (GitLab's Rack::Attack answers some without any header):
                        // back off as for a server error.
                        None if status.as_u16() == 429 && attempt < self.retry.max_retries => {
                            self.backoff(attempt)
                        }
                        _ if status.is_server_error()
                            && attempt < self.retry.max_retries
                            && retry == Retry::Always =>
                        {
                            self.backoff(attempt)
                        }
                        _ => {
                            return Err(ApiError::Status {
                                service: self.service,
                                method: method.name(),
                                path: path.to_owned(),
                                status: status.as_u16(),
                                message: api_message(&text),
                            })
                        }
                    }
                }
            };
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        // Bounded: the exponent stops at 2^10 and the wait at `max_wait`.
        (self.retry.base_delay * 2u32.saturating_pow(attempt.min(10))).min(self.retry.max_wait)
    }
}

/// Which failures a request may be repeated after.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Retry {
    /// Idempotent calls: 5xx, connection errors and rate limits.
    Always,
    /// Calls that may have acted before failing: only rate limits, answered before acting.
    RateLimitsOnly,
}

/// What an answer says about the page after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NextPage {
    /// `Link` (with or without `rel="next"`) or `x-next-page` was sent.
    Said(bool),
    /// Neither header: the caller falls back on the page being full.
    Unsaid,
}

impl NextPage {
    fn from_headers(headers: &http::HeaderMap) -> NextPage {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        // GitLab: "x-next-page: the index of the next page", empty on the last one.
        if let Some(next) = text("x-next-page") {
            return NextPage::Said(!next.trim().is_empty());
        }
        match text("link") {
            Some(link) => NextPage::Said(link.contains("rel=\"next\"")),
            None => NextPage::Unsaid,
        }
    }
}

/// How long a rate-limited answer asks to wait, in seconds: `Retry-After` (GitHub and GitLab), or
/// until the window resets when none is left — GitHub's `x-ratelimit-remaining`/`-reset`,
/// GitLab's `RateLimit-Remaining`/`RateLimit-Reset` (Unix seconds). Only 403 and 429 are rate
/// limits; anything else is `None`.
fn rate_limit_wait(status: u16, header: &dyn Fn(&str) -> Option<i64>) -> Option<u64> {
    if !matches!(status, 403 | 429) {
        return None;
    }
    if let Some(secs) = header("retry-after") {
        return Some(secs.max(0) as u64);
    }
    let remaining = header("x-ratelimit-remaining").or_else(|| header("ratelimit-remaining"));
    let reset = header("x-ratelimit-reset").or_else(|| header("ratelimit-reset"));
    match (remaining, reset) {
        (Some(0), Some(reset)) => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            Some((reset - now).max(1) as u64)
        }
        _ => None,
    }
}

/// octocrab over a hyper client built here: rustls with bundled webpki roots (a static binary on
/// a minimal image needs no system certificates), bounded connect and read, and exactly the
/// headers changegate sends — one `User-Agent: changegate/<version>` (GitHub requires one;
/// octocrab's default client adds its own beside any other), the credential, and JSON.
fn build_octocrab(credential: (http::HeaderName, String)) -> Result<Octocrab, String> {
    use octocrab::service::middleware::extra_headers::ExtraHeadersLayer;
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_webpki_roots(provider)
        .map_err(|e| format!("cannot set up TLS: {e}"))?
        .https_or_http()
        .enable_http1()
        .build();
    let mut connector = hyper_timeout::TimeoutConnector::new(https);
    connector.set_connect_timeout(Some(Duration::from_secs(10)));
    connector.set_read_timeout(Some(Duration::from_secs(60)));
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build(connector);
    let value = |text: &str| {
        http::HeaderValue::from_str(text).map_err(|_| "a header value is not valid".to_owned())
    };
    let mut secret = value(&credential.1)?;
    secret.set_sensitive(true);
    let headers = vec![
        (
            http::header::USER_AGENT,
            value(concat!("changegate/", env!("CARGO_PKG_VERSION")))?,
        ),
        (credential.0, secret),
    ];
    Ok(octocrab::OctocrabBuilder::new_empty()
        .with_service(client)
        .with_layer(&ExtraHeadersLayer::new(std::sync::Arc::new(headers)))
        .with_auth(octocrab::AuthState::None)
        .build()
        .unwrap_or_else(|never| match never {}))
}

/// The `message` of a GitHub error body (plus its documentation URL), or the body itself.
fn api_message(body: &str) -> String {
    crate::util::redact::redact(&api_message_raw(body))
}

fn api_message_raw(body: &str) -> String {
    #[derive(serde::Deserialize)]
    struct ErrorBody {
        message: Option<String>,
        documentation_url: Option<String>,
    }
    match serde_json::from_str::<ErrorBody>(body) {
        Ok(ErrorBody {
            message: Some(message),
            documentation_url,
        }) => match documentation_url {
            Some(url) => format!("{message} ({url})"),
            None => message,
        },
        _ => body.chars().take(300).collect(),
    }
}

/// A transport error's text: octocrab errors carry no headers, so no token.
fn transport_message(e: &octocrab::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
