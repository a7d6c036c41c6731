//! GitHub's REST API contract, from its OpenAPI description (`@octokit/openapi`, path in
//! GITHUB_OPENAPI_SPEC; `.ci/run` installs it): every request a test server receives must be an
//! operation of the API, and every body must validate against the operation's schema.
#![allow(dead_code)]

use serde_json::Value;
use std::sync::OnceLock;
use wiremock::MockServer;

/// GitHub's OpenAPI description, or `None` (test skipped) when it is not installed locally.
/// In CI (`CI=true`) a missing description fails the test.
pub fn spec() -> Option<&'static Value> {
    static SPEC: OnceLock<Option<Value>> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = std::env::var("GITHUB_OPENAPI_SPEC").ok()?;
        let text = std::fs::read_to_string(&path).ok()?;
        Some(serde_json::from_str(&text).expect("valid OpenAPI JSON"))
    })
    .as_ref()
}

pub fn require_spec() -> &'static Value {
    spec().expect(
        "GITHUB_OPENAPI_SPEC must point to @octokit/openapi's api.github.com.json (tests that need it are ignored without it, except in CI)",
    )
}

/// The operation of the spec that serves `method path`, with its path template.
pub fn operation<'a>(
    spec: &'a Value,
    verb: &str,
    request_path: &str,
) -> Option<(&'a str, &'a Value)> {
    let paths = spec["paths"].as_object()?;
    paths.iter().find_map(|(template, item)| {
        let pattern = format!("^{}$", regex_lite(template));
        let re = regex::Regex::new(&pattern).ok()?;
        (re.is_match(request_path)).then(|| {
            item.get(verb.to_lowercase())
                .map(|op| (template.as_str(), op))
        })?
    })
}

fn regex_lite(template: &str) -> String {
    let mut out = String::new();
    let mut param: Option<String> = None;
    for c in template.chars() {
        match (c, param.as_mut()) {
            ('{', _) => param = Some(String::new()),
            ('}', Some(name)) => {
                // `{path}` (repository contents) spans directories; other parameters do not.
                out.push_str(if name == "path" { ".+" } else { "[^/]+" });
                param = None;
            }
            (c, Some(name)) => name.push(c),
            (c, None) => out.push_str(&regex::escape(&c.to_string())),
        }
    }
    out
}

/// Every recorded request exists in the spec; every body validates against its schema.
pub async fn validate_contract(server: &MockServer, spec: &Value) {
    for request in server.received_requests().await.unwrap_or_default() {
        let verb = request.method.as_str().to_owned();
        let request_path = request.url.path().to_owned();
        let (template, op) = operation(spec, &verb, &request_path).unwrap_or_else(|| {
            panic!("{verb} {request_path} is not an operation of GitHub's REST API")
        });
        // "All API requests MUST include a valid User-Agent header" (docs.github.com, REST
        // "Getting started"): exactly one, naming changegate and its version.
        let agents: Vec<&str> = request
            .headers
            .get_all("user-agent")
            .iter()
            .map(|v| v.to_str().unwrap_or(""))
            .collect();
        assert_eq!(
            agents,
            [concat!("changegate/", env!("CARGO_PKG_VERSION"))],
            "{verb} {template}: User-Agent"
        );
        if request.body.is_empty() {
            continue;
        }
        let body: Value = serde_json::from_slice(&request.body).expect("JSON request body");
        let schema = &op["requestBody"]["content"]["application/json"]["schema"];
        assert!(
            !schema.is_null(),
            "{verb} {template} takes no JSON body, but one was sent"
        );
        let validator = jsonschema::validator_for(schema).expect("schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(&body)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{verb} {template}: body violates GitHub's schema: {errors:?}\n{body:#}"
        );
    }
}

/// Follows a `$ref` to `#/components/…`.
fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    let mut schema = schema;
    while let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let mut target = spec;
        for part in reference.trim_start_matches("#/").split('/') {
            target = &target[part];
        }
        schema = target;
    }
    schema
}

/// The schema of `field` in `schema`: a dotted path where `[]` steps into array items;
/// `allOf`/`anyOf`/`oneOf` alternatives are searched.
fn field_schema<'a>(spec: &'a Value, schema: &'a Value, field: &[&str]) -> Option<&'a Value> {
    let schema = resolve(spec, schema);
    let Some((first, rest)) = field.split_first() else {
        return Some(schema);
    };
    for key in ["allOf", "anyOf", "oneOf"] {
        for alternative in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(found) = field_schema(spec, alternative, field) {
                return Some(found);
            }
        }
    }
    let next = if *first == "[]" {
        schema.get("items")?
    } else {
        schema.get("properties")?.get(*first)?
    };
    field_schema(spec, next, rest)
}

/// Panics unless the 200 response of `verb request_path` documents every field (dotted paths,
/// `[]` for array items): the fields a client reads must be the API's, not a guess.
pub fn assert_response_fields(spec: &Value, verb: &str, request_path: &str, fields: &[&str]) {
    let (template, op) = operation(spec, verb, request_path).unwrap_or_else(|| {
        panic!("{verb} {request_path} is not an operation of GitHub's REST API")
    });
    let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
    assert!(
        !schema.is_null(),
        "{verb} {template} has no JSON 200 response"
    );
    for field in fields {
        let path: Vec<&str> = field.split('.').collect();
        assert!(
            field_schema(spec, schema, &path).is_some(),
            "{verb} {template}: the response documents no `{field}`"
        );
    }
}
