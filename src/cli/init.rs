//! `changegate init` (a starter `.changegate.yml` adapted to the repository) and
//! `changegate install-hook` (run the dry-run from git hooks).

use crate::policy::{Policy, POLICY_FILE};
use crate::source::git::Git;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Tier-1 material the built-in defaults do not name, added when it exists in the repository.
const TIER1_EXTRAS: [(&str, &str); 3] = [
    ("terraform", "terraform/**"),
    ("Dockerfile", "**/Dockerfile"),
    ("docker-compose.yml", "**/docker-compose.yml"),
];

/// Files whose directories hold code (for the tier-2 globs of a repository whose code is not
/// under `src/`, `lib/`, …).
const CODE_EXTENSIONS: [&str; 9] = [
    ".rs", ".go", ".py", ".java", ".kt", ".ts", ".js", ".rb", ".cs",
];

/// Why init or install-hook refused.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0} exists already: pass --force to overwrite it")]
    Exists(PathBuf),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Source(#[from] crate::source::SourceError),
}

/// A starter policy for the repository at `root`: the built-in defaults, word for word, plus what
/// the repository's tracked files show — extra tier-1 globs and the directories its code really
/// lives in. It never removes or weakens a default (a policy file without an `ai_assisted:`
/// section keeps the built-in AI detection; no `packs:` line keeps every pack).
pub fn starter_policy(root: &Path) -> String {
    let files: Vec<String> = Git::discover(root)
        .ok()
        .and_then(|git| git.run(&["ls-files", "-z"]).ok())
        .map(|out| {
            out.split(|&b| b == 0)
                .filter(|p| !p.is_empty())
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect()
        })
        .unwrap_or_default();
    let exists = |marker: &str| {
        files.iter().any(|f| {
            f == marker
                || f.starts_with(&format!("{marker}/"))
                || f.contains(&format!("/{marker}/"))
                || f.ends_with(&format!("/{marker}"))
        })
    };
    let tier1: Vec<&str> = TIER1_EXTRAS
        .iter()
        .filter(|(m, _)| exists(m))
        .map(|(_, g)| *g)
        .collect();
    let tier2 = code_dirs(&files);
    let defaults = crate::policy::DEFAULT_POLICY;
    let mut text = String::from(
        "# changegate policy — written by `changegate init`: the built-in defaults, plus what this\n\
         # repository's files show (marked `init:`). Tighten freely; the gate judges a pull request\n\
         # by the version of this file on its base branch, never its own.\n",
    );
    let mut tier = "";
    for line in defaults.lines().skip_while(|l| l.starts_with('#')) {
        text.push_str(line);
        text.push('\n');
        if let Some(name) = line.strip_prefix("  ").and_then(|l| l.strip_suffix(':')) {
            if !name.starts_with(' ') {
                tier = if name == "tier-1" || name == "tier-2" {
                    name
                } else {
                    ""
                };
            }
        }
        if line == "    paths:" {
            let extra: Vec<String> = match tier {
                "tier-1" => tier1.iter().map(|g| (*g).to_owned()).collect(),
                "tier-2" => tier2.clone(),
                _ => Vec::new(),
            };
            for glob in extra {
                text.push_str(&format!(
                    "      - \"{glob}\"  # init: found in this repository\n"
                ));
            }
        }
    }
    text
}

/// Top-level directories holding code that the default tier-2 globs (`src/**`, `lib/**`, …) do
/// not cover, as `dir/**` (`linkerd/**` for code under `linkerd/app/`).
fn code_dirs(files: &[String]) -> Vec<String> {
    const COVERED: [&str; 7] = ["src", "lib", "app", "pkg", "cmd", "internal", "services"];
    const NOT_CODE: [&str; 12] = [
        "tests",
        "test",
        "benches",
        "examples",
        "example",
        "docs",
        "doc",
        "vendor",
        "third_party",
        "fixtures",
        "testdata",
        "node_modules",
    ];
    let dirs: BTreeSet<&str> = files
        .iter()
        .filter(|f| CODE_EXTENSIONS.iter().any(|e| f.ends_with(e)))
        .filter_map(|f| f.split_once('/').map(|(dir, _)| dir))
        .filter(|d| !d.starts_with('.') && !COVERED.contains(d) && !NOT_CODE.contains(d))
        .collect();
    dirs.into_iter().map(|d| format!("{d}/**")).collect()
}

/// Writes the starter policy at the repository root; never overwrites without `force`.
pub fn init(dir: &Path, force: bool) -> Result<PathBuf, InitError> {
    let root = Git::discover(dir)
        .map(|g| g.root().to_path_buf())
        .unwrap_or_else(|_| dir.to_path_buf());
    let path = root.join(POLICY_FILE);
    if path.exists() && !force {
        return Err(InitError::Exists(path));
    }
    let text = starter_policy(&root);
    debug_assert!(Policy::from_yaml(&text, "starter").is_ok());
    std::fs::write(&path, text).map_err(|source| InitError::Write {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

/// Which hook to install.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hook {
    /// The dry-run of everything about to be pushed.
    PrePush,
    /// Only what is staged.
    PreCommit,
}

/// The pre-push hook: judges exactly what is pushed. git gives one line per pushed ref on stdin,
/// `<local ref> <local sha> <remote ref> <remote sha>`; each range is judged on its own:
/// remote sha..local sha, or for a new branch the merge-base with the remote's default branch;
/// deletions are skipped. The working tree and index play no part.
const PRE_PUSH: &str = concat!(
    "#!/bin/sh\n",
    "# Installed by `changegate install-hook`: the change-safety dry-run of what is pushed.\n",
    "# Skip once with --no-verify.\n",
    "hook=pre-push verb=push\n",
    "remote=\"$1\"\n",
    include_str!("hooks/find-changegate.sh"),
    include_str!("hooks/pre-push.sh"),
);

/// The pre-commit hook: judges the index (what the commit will hold), not the working tree.
const PRE_COMMIT: &str = concat!(
    "#!/bin/sh\n",
    "# Installed by `changegate install-hook --pre-commit`: the change-safety dry-run of the index.\n",
    "# Skip once with --no-verify.\n",
    "hook=pre-commit verb=commit\n",
    include_str!("hooks/find-changegate.sh"),
    "exec changegate check --staged\n",
);

/// Installs a git hook running changegate (honours `core.hooksPath` and worktrees).
pub fn install_hook(dir: &Path, hook: Hook, force: bool) -> Result<PathBuf, InitError> {
    let git = Git::discover(dir)?;
    let name = match hook {
        Hook::PrePush => "pre-push",
        Hook::PreCommit => "pre-commit",
    };
    let hooks = String::from_utf8_lossy(&git.run(&["rev-parse", "--git-path", "hooks"])?)
        .trim()
        .to_owned();
    let hooks = if Path::new(&hooks).is_absolute() {
        PathBuf::from(hooks)
    } else {
        git.root().join(hooks)
    };
    let path = hooks.join(name);
    if path.exists() && !force {
        return Err(InitError::Exists(path));
    }
    let script = match hook {
        Hook::PrePush => PRE_PUSH.to_owned(),
        Hook::PreCommit => PRE_COMMIT.to_owned(),
    };
    let write = |p: &Path, t: &str| {
        std::fs::write(p, t).map_err(|source| InitError::Write {
            path: p.to_path_buf(),
            source,
        })
    };
    std::fs::create_dir_all(&hooks).map_err(|source| InitError::Write {
        path: hooks.clone(),
        source,
    })?;
    write(&path, &script)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).map_err(
            |source| InitError::Write {
                path: path.clone(),
                source,
            },
        )?;
    }
    Ok(path)
}
