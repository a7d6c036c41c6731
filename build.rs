//! Tells the test suite which external fixtures this machine has, so a test whose fixture is
//! missing is reported as *ignored, with the reason* — never as a pass. In CI (`CI=true`) every
//! fixture is required: the tests run and fail loudly when one is missing.

use std::path::Path;

fn main() {
    for var in [
        "GITHUB_OPENAPI_SPEC",
        "SARIF_SCHEMA",
        "CI_SCHEMAS",
        "CI",
        "PATH",
    ] {
        println!("cargo::rerun-if-env-changed={var}");
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let file_from = |var: &str| {
        std::env::var(var)
            .ok()
            .filter(|p| Path::new(p).is_file())
            .inspect(|p| {
                println!("cargo::rerun-if-changed={p}");
            })
    };
    let fixtures = [
        (
            "fixture_openapi",
            file_from("GITHUB_OPENAPI_SPEC").is_some(),
        ),
        ("fixture_sarif_schema", file_from("SARIF_SCHEMA").is_some()),
        // A directory with SchemaStore's github-workflows.json and gitlab-ci.json.
        (
            "fixture_ci_schemas",
            std::env::var("CI_SCHEMAS").is_ok_and(|d| {
                Path::new(&d).join("github-workflows.json").is_file()
                    && Path::new(&d).join("gitlab-ci.json").is_file()
            }),
        ),
        (
            "fixture_chromium",
            on_path(&["chromium", "chromium-browser", "google-chrome"]),
        ),
    ];
    for (cfg, present) in fixtures {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        if present || ci {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
}

fn on_path(programs: &[&str]) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| programs.iter().any(|p| dir.join(p).is_file()))
}
