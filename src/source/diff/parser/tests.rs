//! One test per header form the parser must understand, plus malformed input.

use super::*;

fn parse(text: &str) -> Vec<FileChange> {
    parse_patch(text.as_bytes()).unwrap_or_else(|e| panic!("parse failed: {e}"))
}

fn parse_err(text: &str) -> PatchError {
    parse_patch(text.as_bytes()).expect_err("expected a parse error")
}

#[test]
fn modified_file_with_two_hunks() {
    let files = parse(
        "diff --git a/src/lib.rs b/src/lib.rs
index 83db48f..bf269f4 100644
--- a/src/lib.rs
+++ b/src/lib.rs
@@ -1,3 +1,3 @@
 fn a() {}
-fn b() {}
+fn b() { todo() }
 fn c() {}
@@ -10,2 +10,3 @@ fn section() {
 x
+y
 z
",
    );
    assert_eq!(files.len(), 1);
    let f = &files[0];
    assert_eq!(f.status, FileStatus::Modified);
    assert_eq!(f.old_path.as_deref(), Some("src/lib.rs"));
    assert_eq!(f.new_path.as_deref(), Some("src/lib.rs"));
    assert_eq!((f.old_mode, f.new_mode), (Some(0o100644), Some(0o100644)));
    assert_eq!(f.hunks.len(), 2);
    assert_eq!(f.added_lines().collect::<Vec<_>>(), vec![2, 11]);
    assert_eq!(f.line_counts(), (2, 1));
    assert_eq!(f.content, Content::Text);
}

#[test]
fn rename_with_similarity_and_edits() {
    let files = parse(
        "diff --git a/old name.rs b/new name.rs
similarity index 91%
rename from old name.rs
rename to new name.rs
index 1111111..2222222 100644
--- a/old name.rs
+++ b/new name.rs
@@ -1 +1 @@
-a
+b
",
    );
    let f = &files[0];
    assert_eq!(f.status, FileStatus::Renamed);
    assert_eq!(f.similarity, Some(91));
    assert_eq!(f.old_path.as_deref(), Some("old name.rs"));
    assert_eq!(f.new_path.as_deref(), Some("new name.rs"));
}

#[test]
fn pure_rename_without_hunks() {
    let files = parse(
        "diff --git a/a.txt b/b.txt
similarity index 100%
rename from a.txt
rename to b.txt
",
    );
    assert_eq!(files[0].status, FileStatus::Renamed);
    assert_eq!(files[0].old_path.as_deref(), Some("a.txt"));
    assert_eq!(files[0].new_path.as_deref(), Some("b.txt"));
    assert!(files[0].hunks.is_empty());
}

#[test]
fn copy_headers() {
    let files = parse(
        "diff --git a/a.txt b/c.txt
similarity index 100%
copy from a.txt
copy to c.txt
",
    );
    assert_eq!(files[0].status, FileStatus::Copied);
    assert_eq!(files[0].old_path.as_deref(), Some("a.txt"));
    assert_eq!(files[0].new_path.as_deref(), Some("c.txt"));
}

#[test]
fn new_and_deleted_files_with_dev_null() {
    let files = parse(
        "diff --git a/new.txt b/new.txt
new file mode 100755
index 0000000..e69de29
--- /dev/null
+++ b/new.txt
@@ -0,0 +1,2 @@
+#!/bin/sh
+echo hi
diff --git a/gone.txt b/gone.txt
deleted file mode 100644
index e69de29..0000000
--- a/gone.txt
+++ /dev/null
@@ -1 +0,0 @@
-bye
",
    );
    assert_eq!(files[0].status, FileStatus::Added);
    assert_eq!(files[0].old_path, None);
    assert_eq!(files[0].new_mode, Some(0o100755));
    assert_eq!(files[0].added_lines().collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(files[1].status, FileStatus::Deleted);
    assert_eq!(files[1].new_path, None);
    assert_eq!(files[1].path(), "gone.txt");
    assert_eq!(files[1].old_mode, Some(0o100644));
}

#[test]
fn empty_new_file_has_no_hunks() {
    let files = parse(
        "diff --git a/empty b/empty
new file mode 100644
index 0000000..e69de29
",
    );
    assert_eq!(files[0].status, FileStatus::Added);
    assert_eq!(files[0].path(), "empty");
    assert!(files[0].hunks.is_empty());
    assert_eq!(files[0].content, Content::Text);
}

#[test]
fn mode_change_only() {
    let files = parse(
        "diff --git a/run.sh b/run.sh
old mode 100644
new mode 100755
",
    );
    assert_eq!(files[0].status, FileStatus::Modified);
    assert_eq!(files[0].old_mode, Some(0o100644));
    assert_eq!(files[0].new_mode, Some(0o100755));
}

#[test]
fn binary_files_differ_and_git_binary_patch() {
    let files = parse(
        "diff --git a/logo.png b/logo.png
index 1111111..2222222 100644
Binary files a/logo.png and b/logo.png differ
diff --git a/blob.bin b/blob.bin
new file mode 100644
index 0000000000000000000000000000000000000000..c86626638e0bc8cf47ca49bb1525b40e9737ee64
GIT binary patch
literal 12
TcmZQzWMXDvWn<^y<>KN500;mB

literal 0
HcmV?d00001

diff --git a/after.txt b/after.txt
index 1111111..2222222 100644
--- a/after.txt
+++ b/after.txt
@@ -1 +1 @@
-x
+y
",
    );
    assert_eq!(files.len(), 3);
    assert_eq!(files[0].content, Content::Binary);
    assert_eq!(files[1].content, Content::Binary);
    assert_eq!(files[1].status, FileStatus::Added);
    assert_eq!(files[2].content, Content::Text);
    assert_eq!(files[2].path(), "after.txt");
}

#[test]
fn no_newline_at_end_of_file_marks_the_right_line() {
    let files = parse(
        "diff --git a/f b/f
--- a/f
+++ b/f
@@ -1 +1 @@
-old
\\ No newline at end of file
+new
\\ No newline at end of file
",
    );
    let lines = &files[0].hunks[0].lines;
    assert_eq!(lines.len(), 2);
    assert!(lines[0].no_newline && lines[1].no_newline);
    assert_eq!(lines[1].text(), "new");
}

#[test]
fn quoted_paths_with_octal_escapes() {
    let files = parse(
        r#"diff --git "a/caf\303\251.txt" "b/caf\303\251.txt"
index 1111111..2222222 100644
--- "a/caf\303\251.txt"
+++ "b/caf\303\251.txt"
@@ -1 +1 @@
-a
+b
"#,
    );
    assert_eq!(files[0].path(), "café.txt");
}

#[test]
fn quoted_path_only_in_git_header_for_mode_change() {
    let files = parse(
        "diff --git \"a/tab\\there\" \"b/tab\\there\"
old mode 100644
new mode 100755
",
    );
    assert_eq!(files[0].path(), "tab\there");
}

#[test]
fn spaces_in_names_from_git_header_only() {
    let files = parse(
        "diff --git a/dir with space/f g.txt b/dir with space/f g.txt
old mode 100644
new mode 100755
",
    );
    assert_eq!(files[0].path(), "dir with space/f g.txt");
}

#[test]
fn crlf_content_is_kept_and_crlf_headers_are_understood() {
    let files = parse("diff --git a/w.txt b/w.txt\r\n--- a/w.txt\r\n+++ b/w.txt\r\n@@ -1,2 +1,2 @@\r\n keep\r\n-old\r\n+new\r\n");
    let f = &files[0];
    assert_eq!(f.path(), "w.txt");
    assert_eq!(f.hunks[0].lines[2].text(), "new\r");
}

#[test]
fn submodule_bump() {
    let files = parse(
        "diff --git a/vendor/lib b/vendor/lib
index 1234567..89abcde 160000
--- a/vendor/lib
+++ b/vendor/lib
@@ -1 +1 @@
-Subproject commit 1234567890123456789012345678901234567890
+Subproject commit 89abcde89abcde89abcde89abcde89abcde89abc
",
    );
    assert_eq!(files[0].content, Content::Submodule);
    assert!(files[0].is_submodule());
}

#[test]
fn plain_unified_diff_with_timestamps() {
    let files = parse(
        "--- config/app.yaml\t2026-01-01 10:00:00.000000000 +0000
+++ config/app.yaml\t2026-01-02 10:00:00.000000000 +0000
@@ -1 +1 @@
-replicas: 3
+replicas: 0
",
    );
    assert_eq!(files[0].path(), "config/app.yaml");
    assert_eq!(files[0].status, FileStatus::Modified);
}

#[test]
fn format_patch_mail_headers_are_skipped() {
    let files = parse(
        "From 1234 Mon Sep 17 00:00:00 2001
From: A <a@example.com>
Subject: [PATCH] change

---
 f | 2 +-

diff --git a/f b/f
--- a/f
+++ b/f
@@ -1 +1 @@
-a
+b
-- 
2.47.3
",
    );
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].line_counts(), (1, 1));
}

#[test]
fn type_change_from_mode_bits() {
    let files = parse(
        "diff --git a/link b/link
old mode 100644
new mode 120000
",
    );
    assert_eq!(files[0].status, FileStatus::TypeChanged);
}

#[test]
fn non_utf8_content_is_marked() {
    let mut patch = b"diff --git a/l1.txt b/l1.txt\n--- a/l1.txt\n+++ b/l1.txt\n@@ -1 +1 @@\n-caf\xe9\n+caf\xe8\n".to_vec();
    patch.extend_from_slice(b"");
    let files = parse_patch(&patch).unwrap();
    assert_eq!(files[0].content, Content::NonUtf8);
}

#[test]
fn empty_input_is_an_empty_change() {
    assert!(parse("").is_empty());
    assert!(parse("\n\n").is_empty());
}

#[test]
fn text_that_is_not_a_diff_is_an_error() {
    let e = parse_err("hello world\n");
    assert_eq!(e.line, 1);
    assert!(e.message.contains("no file header"), "{e}");
}

#[test]
fn bad_hunk_header_names_the_line() {
    let e = parse_err("--- a/f\n+++ b/f\n@@ -x +1 @@\n+a\n");
    assert_eq!(e.line, 3);
    assert!(e.message.contains("expected a hunk header"), "{e}");
}

#[test]
fn truncated_hunk_names_the_expectation() {
    let e = parse_err("--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n");
    assert!(e.message.contains("unexpected end of patch"), "{e}");
    assert!(e.message.contains("2 old and 2 new"), "{e}");
}

#[test]
fn garbage_inside_a_hunk_is_an_error() {
    let e = parse_err("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n*oops\n");
    assert_eq!(e.line, 5);
    assert!(e.message.contains("expected a hunk line"), "{e}");
}

#[test]
fn too_many_lines_for_the_header_is_an_error() {
    let e = parse_err("--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n-b\n+c\n");
    assert_eq!(e.line, 5);
    assert!(e.message.contains("more lines than the hunk header"), "{e}");
}

#[test]
fn hunk_before_file_header_is_an_error() {
    let e = parse_err("@@ -1 +1 @@\n-a\n+b\n");
    assert_eq!(e.line, 1);
}

#[test]
fn combined_diff_is_rejected_clearly() {
    let e = parse_err("diff --cc f\nindex 1,2..3\n");
    assert!(e.message.contains("combined"), "{e}");
}

#[test]
fn empty_context_line_without_space_is_accepted() {
    let files = parse("--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n");
    assert_eq!(files[0].hunks[0].lines[1].kind, LineKind::Context);
}

mod never_panics {
    use super::super::parse_patch;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = parse_patch(&bytes);
        }

        #[test]
        fn on_diff_shaped_noise(lines in proptest::collection::vec(
            prop_oneof![
                Just("diff --git a/x b/x".to_string()),
                Just("--- a/x".to_string()),
                Just("+++ b/x".to_string()),
                Just("@@ -1,2 +1,2 @@".to_string()),
                Just("@@ -0,0 +1 @@".to_string()),
                Just("rename from \"q\\".to_string()),
                Just("new file mode 100644".to_string()),
                Just("index 1..2 160000".to_string()),
                Just("\\ No newline at end of file".to_string()),
                "[ +-][a-z]{0,5}",
                "\\PC{0,10}",
            ],
            0..40,
        )) {
            let _ = parse_patch(lines.join("\n").as_bytes());
        }
    }
}

#[test]
fn prefixes_git_and_diff_write_are_taken_off_as_git_apply_would() {
    let hunk = "@@ -1 +1 @@\n-a: 1\n+a: 2\n";
    let cases = [
        // diff.mnemonicPrefix
        format!("diff --git i/deploy/app.yaml w/deploy/app.yaml\n--- i/deploy/app.yaml\n+++ w/deploy/app.yaml\n{hunk}"),
        // diff -ruN old new
        format!("diff -ruN old/deploy/app.yaml new/deploy/app.yaml\n--- old/deploy/app.yaml\t2026-01-01\n+++ new/deploy/app.yaml\t2026-01-01\n{hunk}"),
        // ./ paths and doubled slashes
        format!("--- ./deploy//app.yaml\n+++ ./deploy//app.yaml\n{hunk}"),
        // --no-prefix
        format!("diff --git deploy/app.yaml deploy/app.yaml\n--- deploy/app.yaml\n+++ deploy/app.yaml\n{hunk}"),
        // dot-dot tricks resolve before tiers see them
        format!("--- a/docs/../deploy/app.yaml\n+++ b/docs/../deploy/app.yaml\n{hunk}"),
    ];
    for patch in cases {
        let files = parse(&patch);
        assert_eq!(files.len(), 1, "{patch}");
        assert_eq!(files[0].path(), "deploy/app.yaml", "{patch}");
    }
}
