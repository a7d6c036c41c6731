//! The Action's own steps, run as the runner runs them (bash, the step's `env`), against a
//! workspace that a hostile pull request controls.

use std::path::Path;
use std::process::Command;

/// The `run:` script of the action.yml step called `name`.
fn step_script(name: &str) -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml"))
        .expect("action.yml");
    let action: serde_yaml::Value = serde_yaml::from_str(&text).expect("action.yml is YAML");
    action["runs"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str() == Some(name))
        .and_then(|s| s["run"].as_str())
        .unwrap_or_else(|| panic!("no step {name:?} in action.yml"))
        .to_owned()
}

/// A workspace with a hostile toolchain file, cargo config and PATH shim; each would leave a
/// marker file if it ran.
fn hostile_workspace(root: &Path) -> std::path::PathBuf {
    let workspace = root.join("workspace");
    let evil = workspace.join("evil");
    std::fs::create_dir_all(workspace.join(".cargo")).unwrap();
    std::fs::create_dir_all(&evil).unwrap();
    let marker = root.join("pwned");
    let shim = format!("#!/bin/sh\ntouch '{}'\nexit 0\n", marker.display());
    for tool in ["cargo", "rustc", "git"] {
        let path = evil.join(tool);
        std::fs::write(&path, &shim).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
    std::fs::write(
        workspace.join("rust-toolchain.toml"),
        format!("[toolchain]\npath = \"{}\"\n", evil.display()),
    )
    .unwrap();
    std::fs::write(
        workspace.join(".cargo/config.toml"),
        format!(
            "[build]\nrustc-wrapper = \"{}\"\n",
            evil.join("rustc").display()
        ),
    )
    .unwrap();
    workspace
}

/// A tiny crate standing in for the action's checkout (building changegate itself would take
/// minutes); the step builds whatever `ACTION_PATH` holds.
fn tiny_action(root: &Path) -> std::path::PathBuf {
    let action = root.join("action");
    std::fs::create_dir_all(action.join("src")).unwrap();
    std::fs::write(
        action.join("Cargo.toml"),
        "[package]\nname = \"changegate\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(action.join("src/main.rs"), "fn main() {}\n").unwrap();
    std::fs::write(
        action.join("Cargo.lock"),
        "version = 4\n\n[[package]]\nname = \"changegate\"\nversion = \"0.0.0\"\n",
    )
    .unwrap();
    action
}

fn run_build_step(root: &Path, workspace: &Path, action: &Path) -> std::process::Output {
    let dir = root.join("bin");
    let shim_path = format!(
        "{}:{}",
        workspace.join("evil").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .arg("-c")
        .arg(step_script("Build from source"))
        .current_dir(workspace)
        .env("PATH", shim_path)
        .env("DIR", &dir)
        .env("ACTION_PATH", action)
        .env("WORKSPACE", workspace)
        .env("RUNNER_TEMP", root)
        .env("RUSTC_WRAPPER", workspace.join("evil/rustc"))
        .env("CARGO_BUILD_RUSTC_WRAPPER", workspace.join("evil/rustc"))
        .output()
        .expect("bash runs")
}

#[test]
fn the_source_build_ignores_the_workspaces_toolchain_config_and_path() {
    if Command::new("cargo").arg("--version").output().is_err() {
        panic!("cargo is needed to test the Action's source build");
    }
    let root = tempfile::tempdir().unwrap();
    let workspace = hostile_workspace(root.path());
    let action = tiny_action(root.path());
    let out = run_build_step(root.path(), &workspace, &action);
    assert!(
        out.status.success(),
        "the build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !root.path().join("pwned").exists(),
        "a tool planted in the workspace ran"
    );
    assert!(
        root.path().join("bin/changegate").is_file(),
        "the binary was built"
    );
}

#[test]
fn the_source_build_refuses_an_action_inside_the_checkout_under_review() {
    let root = tempfile::tempdir().unwrap();
    let workspace = hostile_workspace(root.path());
    // `uses: ./`: the action is the PR's own checkout.
    let inside = tiny_action(&workspace);
    let out = run_build_step(root.path(), &workspace, &inside);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("checkout under review"));
    assert!(!root.path().join("pwned").exists());
}

/// Serves `files` (name → bytes) over loopback HTTP until the test ends; returns the base URL.
fn file_server(files: Vec<(String, Vec<u8>)>) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let path = request.split(' ').nth(1).unwrap_or("").to_owned();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let mut stream = &stream;
            match files.iter().find(|(name, _)| path == format!("/{name}")) {
                Some((_, body)) => {
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(body);
                }
                None => {
                    let _ = write!(
                        stream,
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    );
                }
            }
        }
    });
    url
}

/// A release archive holding a `changegate` script, and its SHA-256.
fn release_archive(root: &Path, target: &str) -> (Vec<u8>, String) {
    let staging = root.join("staging");
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(staging.join("changegate"), "#!/bin/sh\necho released\n").unwrap();
    let archive = root.join(format!("changegate-{target}.tar.gz"));
    let status = Command::new("tar")
        .args([
            "-czf",
            archive.to_str().unwrap(),
            "-C",
            staging.to_str().unwrap(),
            "changegate",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(&archive).unwrap();
    let out = Command::new("sha256sum").arg(&archive).output().unwrap();
    let sum = String::from_utf8_lossy(&out.stdout)
        .split(' ')
        .next()
        .unwrap()
        .to_owned();
    (bytes, sum)
}

fn run_download_step(root: &Path, releases: &str, sums: &Path) -> std::process::Output {
    Command::new("bash")
        .arg("-c")
        .arg(step_script("Download and verify the release"))
        .current_dir(root)
        .env("VERSION", "9.9.9")
        .env("TARGET", "x86_64-unknown-linux-musl")
        .env("DIR", root.join("bin"))
        .env("SUMS", sums)
        .env("RELEASES", releases)
        .output()
        .expect("bash runs")
}

#[test]
fn the_release_download_is_verified_fresh_and_from_the_cache() {
    let root = tempfile::tempdir().unwrap();
    let target = "x86_64-unknown-linux-musl";
    let (archive, sum) = release_archive(root.path(), target);
    let name = format!("changegate-{target}.tar.gz");
    let url = file_server(vec![(format!("v9.9.9/{name}"), archive.clone())]);
    let sums = root.path().join("v9.9.9.sha256");
    std::fs::write(&sums, format!("{sum}  {name}\n")).unwrap();

    // A fresh download is verified and unpacked.
    let out = run_download_step(root.path(), &url, &sums);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(root.path().join("bin/changegate").is_file());

    // A cache restore (the archive already there) is verified again; a poisoned one is refused.
    std::fs::write(root.path().join("bin").join(&name), b"poisoned cache entry").unwrap();
    let out = run_download_step(root.path(), &url, &sums);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("checksum mismatch"));
    assert!(
        !root.path().join("bin/changegate").exists(),
        "the unverified binary is gone"
    );

    // A download that does not match the committed checksum is refused.
    std::fs::write(&sums, format!("{}  {name}\n", "0".repeat(64))).unwrap();
    let out = run_download_step(root.path(), &url, &sums);
    assert_eq!(out.status.code(), Some(2));
    assert!(!root.path().join("bin/changegate").exists());

    // No committed checksum at all: nothing is downloaded or run.
    let out = run_download_step(root.path(), &url, &root.path().join("missing.sha256"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("refusing to run an unverified binary"));
}
