use std::path::{Path, PathBuf};

use super::*;
use crate::filters::FilterKind;

fn no_filters() -> Filters {
    Filters::new(&[]).expect("no filters")
}

fn uri(text: &str) -> S3Uri {
    text.parse().expect("an S3 URI")
}

fn ask<'a>(src: &'a str, dst: &'a str, recursive: bool, filters: &'a Filters) -> Ask<'a> {
    Ask {
        src,
        dst,
        recursive,
        filters,
    }
}

fn listed(keys: &[(&str, u64)]) -> Vec<Listed> {
    keys.iter()
        .map(|(k, s)| Listed {
            key: k.to_string(),
            size: *s,
            modified: Some(1_700_000_000),
            etag: None,
        })
        .collect()
}

fn object(size: u64) -> Listed {
    Listed {
        key: String::new(),
        size,
        modified: None,
        etag: None,
    }
}

#[test]
fn keys_join_like_folders() {
    assert_eq!(join_key("", "a/b.txt"), "a/b.txt");
    assert_eq!(join_key("p", "a.txt"), "p/a.txt");
    assert_eq!(join_key("p/", "a.txt"), "p/a.txt");
    assert_eq!(folder_prefix("photos"), "photos/");
    assert_eq!(folder_prefix("photos/"), "photos/");
    assert_eq!(folder_prefix(""), "");
}

#[test]
fn a_recursive_download_takes_the_folder_and_never_its_siblings() {
    let filters = no_filters();
    let dst = Location::Local(PathBuf::from("out"));
    let plan = ask("s3://drive/photos", "out/", true, &filters).from_listing(
        &uri("s3://drive/photos"),
        listed(&[
            ("photos/", 0),
            ("photos/a.jpg", 3),
            ("photos/trip/", 0),
            ("photos/trip/b.jpg", 5),
            ("photos-old/c.jpg", 7),
        ]),
        &dst,
    );
    let pairs: Vec<(&str, Endpoint)> = plan
        .items
        .iter()
        .map(|i| (i.from_name.as_str(), i.to.clone()))
        .collect();
    assert_eq!(
        pairs,
        [
            (
                "s3://drive/photos/a.jpg",
                Endpoint::File(Path::new("out").join("a.jpg"))
            ),
            (
                "s3://drive/photos/trip/b.jpg",
                Endpoint::File(Path::new("out").join("trip/b.jpg"))
            ),
        ]
    );
    assert!(plan.skipped.is_empty());
}

#[test]
fn keys_that_cannot_be_local_paths_are_skipped_with_a_warning() {
    let filters = no_filters();
    let dst = Location::Local(PathBuf::from("out"));
    let plan = ask("s3://drive/p/", "out", true, &filters).from_listing(
        &uri("s3://drive/p/"),
        listed(&[
            ("p/../escape", 1),
            ("p//root", 1),
            ("p/ok.txt", 1),
            ("p/./here", 1),
        ]),
        &dst,
    );
    assert_eq!(plan.items.len(), 1);
    assert_eq!(plan.items[0].from, Endpoint::Object("p/ok.txt".into()));
    assert_eq!(plan.skipped.len(), 3, "{:?}", plan.skipped);
    assert!(plan.skipped[0].starts_with("warning: skipping s3://drive/p/../escape: "));
    assert!(plan.skipped[0].ends_with("its key cannot be a file under out"));

    // The same keys copy as they are between buckets: no local path is involved.
    let remote = Location::Remote(uri("s3://other/q"));
    let plan = ask("s3://drive/p/", "s3://other/q", true, &filters).from_listing(
        &uri("s3://drive/p/"),
        listed(&[("p/../escape", 1), ("p/ok.txt", 1)]),
        &remote,
    );
    let keys: Vec<Endpoint> = plan.items.iter().map(|i| i.to.clone()).collect();
    assert_eq!(
        keys,
        [
            Endpoint::Object("q/../escape".into()),
            Endpoint::Object("q/ok.txt".into())
        ]
    );
}

#[test]
fn filters_apply_to_the_name_below_the_source_in_order() {
    let filters = Filters::new(&[
        (FilterKind::Exclude, "*".into()),
        (FilterKind::Include, "*.jpg".into()),
    ])
    .expect("filters");
    let dst = Location::Remote(uri("s3://b/"));
    let plan = ask("s3://a/x", "s3://b/", true, &filters).from_listing(
        &uri("s3://a/x"),
        listed(&[("x/a.jpg", 1), ("x/a.txt", 1), ("x/d/b.jpg", 1)]),
        &dst,
    );
    let names: Vec<&str> = plan.items.iter().map(|i| i.to_name.as_str()).collect();
    assert_eq!(names, ["s3://b/a.jpg", "s3://b/d/b.jpg"]);
}

#[test]
fn one_object_is_named_by_the_destination_or_its_last_segment() {
    let filters = no_filters();
    let from = uri("s3://drive/a/b.txt");
    let cases = [
        ("s3://other/", Endpoint::Object("b.txt".into())),
        ("s3://other/dir/", Endpoint::Object("dir/b.txt".into())),
        ("s3://other/renamed", Endpoint::Object("renamed".into())),
        (
            "folder/",
            Endpoint::File(Path::new("folder/").join("b.txt")),
        ),
        ("file.txt", Endpoint::File(PathBuf::from("file.txt"))),
    ];
    for (dst_arg, expected) in cases {
        let dst = Location::parse(dst_arg).expect("a location");
        let plan = ask("s3://drive/a/b.txt", dst_arg, false, &filters).from_object(
            &from,
            &object(9),
            &dst,
        );
        assert_eq!(plan.items.len(), 1, "{dst_arg}");
        assert_eq!(plan.items[0].to, expected, "{dst_arg}");
        assert_eq!(plan.items[0].size, 9);
    }
    // A key whose last segment is not a file name cannot land in a folder, but may be
    // saved under a name the user gives.
    let odd = uri("s3://drive/a/..");
    let into_folder = Location::parse("folder/").expect("a location");
    let plan = ask("s3://drive/a/..", "folder/", false, &filters).from_object(
        &odd,
        &object(1),
        &into_folder,
    );
    assert!(plan.items.is_empty());
    assert_eq!(plan.skipped.len(), 1);
    let named = Location::parse("saved.bin").expect("a location");
    let plan =
        ask("s3://drive/a/..", "saved.bin", false, &filters).from_object(&odd, &object(1), &named);
    assert_eq!(plan.items[0].to, Endpoint::File(PathBuf::from("saved.bin")));
}

#[test]
fn a_local_walk_is_sorted_filtered_and_leaves_temporary_files_out() {
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("sub")).expect("mkdir");
    for (name, body) in [
        ("b.txt", "bb"),
        ("a.txt", "a"),
        ("sub/c.log", "ccc"),
        ("sub/.c.log.1a2b.ampx-part", "half"),
    ] {
        std::fs::write(root.join(name), body).expect("write");
    }
    let filters = Filters::new(&[(FilterKind::Exclude, "*.log".into())]).expect("filters");
    let src = root.to_string_lossy().to_string();
    let dst = Location::Remote(uri("s3://drive/up"));
    let plan = ask(&src, "s3://drive/up", true, &filters)
        .from_local(root, &dst)
        .expect("a plan");
    let got: Vec<(Endpoint, u64)> = plan.items.iter().map(|i| (i.to.clone(), i.size)).collect();
    assert_eq!(
        got,
        [
            (Endpoint::Object("up/a.txt".into()), 1),
            (Endpoint::Object("up/b.txt".into()), 2)
        ]
    );
    let everything = no_filters();
    let plan = ask(&src, "s3://drive/up", true, &everything)
        .from_local(root, &dst)
        .expect("a plan");
    assert_eq!(plan.items.len(), 3, "the .ampx-part file is never uploaded");

    let folder = ask(&src, "s3://drive/", false, &everything).from_local(root, &dst);
    assert!(folder.is_err_and(|e| e.to_string().contains("is a folder")));
    let file = root.join("a.txt");
    let file_arg = file.to_string_lossy().to_string();
    let not_folder = ask(&file_arg, "s3://drive/", true, &everything).from_local(&file, &dst);
    assert!(not_folder.is_err_and(|e| e.to_string().contains("is not a folder")));
}

fn at(key: &str, size: u64, modified: i64) -> Listed {
    Listed {
        key: key.into(),
        size,
        modified: Some(modified),
        etag: None,
    }
}

/// A source plan of an S3 prefix synced to `dst`, against what `dst` holds.
fn sync_of(source: &[Listed], present: &[Listed], compare: Compare, delete: bool) -> SyncPlan {
    let filters = no_filters();
    let dst = Location::Local(PathBuf::from("out"));
    let ask = ask("s3://drive/photos", "out", true, &filters);
    let keyed = source.iter().map(|l| Listed {
        key: format!("photos/{}", l.key),
        ..l.clone()
    });
    let plan = ask.from_listing(&uri("s3://drive/photos"), keyed, &dst);
    ask.sync(plan, present.to_vec(), compare, delete, &dst)
}

fn rels(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.rel.as_str()).collect()
}

#[test]
fn sync_copies_what_is_missing_resized_or_newer() {
    let source = [
        at("same", 3, 100),
        at("missing", 3, 100),
        at("resized", 4, 100),
        at("newer", 3, 200),
        at("older", 3, 50),
    ];
    let present = [
        at("same", 3, 100),
        at("resized", 3, 100),
        at("newer", 3, 100),
        at("older", 3, 100),
    ];
    let plan = sync_of(&source, &present, Compare::SizeAndTime, false);
    assert_eq!(rels(&plan.copy), ["missing", "resized", "newer"]);
    assert!(plan.delete.is_empty());

    let plan = sync_of(&source, &present, Compare::SizeOnly, false);
    assert_eq!(rels(&plan.copy), ["missing", "resized"]);

    let plan = sync_of(&source, &present, Compare::ExactTimestamps, false);
    assert_eq!(rels(&plan.copy), ["missing", "resized", "newer", "older"]);
}

#[test]
fn sync_delete_removes_only_what_the_source_lacks_below_dst() {
    let source = [at("keep", 1, 1)];
    let present = [at("keep", 1, 1), at("gone", 1, 1), at("sub/gone", 1, 1)];
    let plan = sync_of(&source, &present, Compare::SizeAndTime, true);
    assert!(plan.copy.is_empty());
    let names: Vec<&str> = plan.delete.iter().map(|(_, n)| n.as_str()).collect();
    let out = |rel: &str| Path::new("out").join(rel).to_string_lossy().to_string();
    assert_eq!(names, [out("gone"), out("sub/gone")]);
    let plan = sync_of(&source, &present, Compare::SizeAndTime, false);
    assert!(
        plan.delete.is_empty(),
        "nothing is deleted without --delete"
    );

    // To a bucket, deletions are keys below DST's folder: `photos` is `photos/`.
    let filters = Filters::new(&[(FilterKind::Exclude, "*.keep".into())]).expect("filters");
    let dst = Location::Remote(uri("s3://drive/photos"));
    let ask = ask("local", "s3://drive/photos", true, &filters);
    let plan = ask.sync(
        Plan::default(),
        vec![at("a.jpg", 1, 1), at("notes.keep", 1, 1)],
        Compare::SizeAndTime,
        true,
        &dst,
    );
    let deleted: Vec<Endpoint> = plan.delete.into_iter().map(|(e, _)| e).collect();
    assert_eq!(
        deleted,
        [Endpoint::Object("photos/a.jpg".into())],
        "excluded entries are never deleted"
    );
}

proptest::proptest! {
    /// Whatever both sides hold, after the copies the destination holds every source
    /// name, and `--delete` removes exactly the names the source lacks.
    #[test]
    fn a_synced_destination_matches_the_source(
        source in proptest::collection::btree_map("[a-c]{1,2}", (0..3u64, 0..3i64), 0..8),
        present in proptest::collection::btree_map("[a-c]{1,2}", (0..3u64, 0..3i64), 0..8),
    ) {
        let listed = |m: &std::collections::BTreeMap<String, (u64, i64)>| -> Vec<Listed> {
            m.iter().map(|(k, (s, t))| at(k, *s, *t)).collect()
        };
        let plan = sync_of(&listed(&source), &listed(&present), Compare::SizeAndTime, true);
        for (rel, (size, time)) in &source {
            let copied = plan.copy.iter().any(|i| &i.rel == rel);
            let up_to_date = present
                .get(rel)
                .is_some_and(|(s, t)| s == size && t >= time);
            proptest::prop_assert_eq!(copied, !up_to_date, "{}", rel);
        }
        let deleted: Vec<String> = plan.delete.iter().map(|(_, n)| n.clone()).collect();
        let expected: Vec<String> = present
            .keys()
            .filter(|k| !source.contains_key(*k))
            .map(|k| Path::new("out").join(k).to_string_lossy().to_string())
            .collect();
        proptest::prop_assert_eq!(deleted, expected);
    }
}

#[test]
fn checksum_compares_contents_whatever_the_times_say() {
    let dir = tempfile::tempdir().expect("dir");
    let site = dir.path().join("site");
    std::fs::create_dir_all(&site).expect("mkdir");
    std::fs::write(site.join("same.txt"), b"hello").expect("write");
    std::fs::write(site.join("edited.txt"), b"jello").expect("write");
    let filters = no_filters();
    let src = site.to_string_lossy().to_string();
    let dst = Location::Remote(uri("s3://drive/site"));
    let ask = ask(&src, "s3://drive/site", true, &filters);
    let with = |etag: &str, key: &str| Listed {
        key: key.into(),
        size: 5,
        // Newer than any local file: a time comparison would copy nothing.
        modified: Some(i64::MAX),
        etag: Some(etag.into()),
    };
    let hello = "5d41402abc4b2a76b9719d911017c592"; // MD5("hello")
    let present = vec![with(hello, "same.txt"), with(hello, "edited.txt")];
    let checksum = Compare::Checksum {
        part_size: 8 * 1024 * 1024,
    };
    let plan = ask.sync(
        ask.from_local(&site, &dst).expect("plan"),
        present.clone(),
        checksum,
        false,
        &dst,
    );
    assert_eq!(rels(&plan.copy), ["edited.txt"]);
    let plan = ask.sync(
        ask.from_local(&site, &dst).expect("plan"),
        present,
        Compare::SizeAndTime,
        false,
        &dst,
    );
    assert!(plan.copy.is_empty(), "times alone would miss the edit");
}

#[test]
fn a_move_onto_one_of_its_own_sources_is_found() {
    let item = |from: &str, to: &str| Item {
        from: Endpoint::Object(from.into()),
        to: Endpoint::Object(to.into()),
        size: 1,
        modified: None,
        etag: None,
        rel: String::new(),
        from_name: from.into(),
        to_name: to.into(),
    };
    let up = [item("m/x/a", "m/a"), item("m/x/x/a", "m/x/a")];
    assert_eq!(onto_a_source(&up), Some(&up[1]));
    assert_eq!(
        onto_a_source(&[item("a", "a")]).map(|i| &i.to_name),
        Some(&"a".to_string())
    );
    assert_eq!(
        onto_a_source(&[item("m/x/a", "m/a"), item("m/x/b", "m/b")]),
        None
    );
    let upload = Item {
        from: Endpoint::File("m/a".into()),
        ..item("m/a", "m/a")
    };
    assert_eq!(onto_a_source(&[upload]), None, "a file is not an object");
}

#[cfg(unix)]
#[test]
fn a_backslash_in_a_file_name_is_part_of_the_name() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir_all(dir.path().join("a")).expect("mkdir");
    for name in ["..\\..\\x.txt", "\\y.txt", "a/b\\c.txt"] {
        std::fs::write(dir.path().join(name), b"x").expect("write");
    }
    let (files, _) = walk(dir.path(), &Filters::default());
    let names: Vec<&str> = files.iter().map(|(_, l)| l.key.as_str()).collect();
    assert_eq!(names, ["..\\..\\x.txt", "\\y.txt", "a/b\\c.txt"]);
    let only = Filters::new(&[
        (crate::filters::FilterKind::Exclude, "*".into()),
        (crate::filters::FilterKind::Include, "a/b\\*".into()),
    ])
    .expect("filters");
    let (files, _) = walk(dir.path(), &only);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].1.key, "a/b\\c.txt");
}
