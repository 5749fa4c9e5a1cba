use super::*;
use crate::test_support::{example, storage};

fn guest() -> Caller {
    Caller::Guest
}

fn user(id: &str) -> Caller {
    Caller::Authenticated {
        identity_id: Some(id.into()),
    }
}

fn member(group: &str, id: &str) -> Caller {
    Caller::Group {
        name: group.into(),
        identity_id: Some(id.into()),
    }
}

const ALICE: &str = "us-east-1:11111111-1111-1111-1111-111111111111";
const BOB: &str = "us-east-1:22222222-2222-2222-2222-222222222222";

#[test]
fn team_drive_decisions() {
    let drive = &example("team-drive").backend.storages[0];
    let pp = |k: &str| format!("profile-pictures/{k}");
    let cases: Vec<(Caller, Request, bool)> = vec![
        (guest(), Request::get(pp(&format!("{ALICE}/me.jpg"))), true),
        (guest(), Request::list(pp("")), true),
        (
            guest(),
            Request::write(pp(&format!("{ALICE}/me.jpg"))),
            false,
        ),
        (guest(), Request::write("picture-submissions/a.jpg"), true),
        (guest(), Request::delete("picture-submissions/a.jpg"), false),
        (guest(), Request::list(""), false),
        (guest(), Request::list("picture"), false),
        (guest(), Request::list("picture-submissions"), false),
        (guest(), Request::list("picture-submissions/"), true),
        (guest(), Request::list("picture-submissions/2024/"), true),
        (guest(), Request::get("other/a.jpg"), false),
        (
            user(ALICE),
            Request::write(pp(&format!("{ALICE}/me.jpg"))),
            true,
        ),
        (
            user(ALICE),
            Request::delete(pp(&format!("{ALICE}/me.jpg"))),
            true,
        ),
        (
            user(ALICE),
            Request::write(pp(&format!("{BOB}/me.jpg"))),
            false,
        ),
        (
            user(ALICE),
            Request::get(pp(&format!("{BOB}/me.jpg"))),
            false,
        ),
        (user(ALICE), Request::list(pp(&format!("{ALICE}/"))), true),
        (user(ALICE), Request::list(pp("")), false),
        (
            user(ALICE),
            Request::write("picture-submissions/a.jpg"),
            true,
        ),
        (
            user(ALICE),
            Request::delete("picture-submissions/a.jpg"),
            false,
        ),
        (
            Caller::Authenticated { identity_id: None },
            Request::get(pp(&format!("{ALICE}/me.jpg"))),
            false,
        ),
    ];
    for (caller, request, allowed) in cases {
        let d = decide(drive, &caller, &request);
        assert_eq!(d.allowed, allowed, "{caller:?} {request:?}: {d:?}");
        assert_eq!(
            d.decided_by.is_some(),
            allowed,
            "allowed iff a grant decided"
        );
    }
}

#[test]
fn social_room_groups_act_through_their_role() {
    let room = &example("social-room").backend.storages[0];
    // Signed-in users cannot list; admins can, through the group role.
    assert!(!decide(room, &user(ALICE), &Request::list("room/")).allowed);
    assert!(decide(room, &member("admin", ALICE), &Request::list("room/")).allowed);
    assert!(decide(room, &user(ALICE), &Request::write("room/x")).allowed);
    assert!(decide(room, &guest(), &Request::get("room/x")).allowed);
    assert!(!decide(room, &guest(), &Request::write("room/x")).allowed);
    // A group the backend does not know has no role and no access.
    assert!(!decide(room, &member("nobody", ALICE), &Request::get("room/x")).allowed);
}

#[test]
fn sub_path_rules_replace_the_parent_rules_and_name_the_path() {
    let s = storage(
        &["admin"],
        "{ 'media/*': [allow.authenticated.to(['read'])], 'media/admin/*': [allow.groups(['admin']).to(['read', 'write'])] }",
    );
    let d = decide(&s, &user(ALICE), &Request::get("media/admin/secret.txt"));
    assert!(!d.allowed);
    assert_eq!(
        d.decided_by.expect("a deny decided").origin.path,
        "media/admin/*"
    );
    let d = decide(&s, &user(ALICE), &Request::get("media/cat.jpg"));
    assert!(d.allowed);
    let origin = d.decided_by.expect("a grant decided").origin;
    assert_eq!(origin.path, "media/*");
    assert_eq!(origin.rule.expect("rule").0, Principal::Authenticated);
}

#[test]
fn iam_like_matches_as_iam_does() {
    let cases = [
        ("foo/*", "foo/a/b", true),
        ("foo/*", "foo/", true),
        ("foo/*", "foo", false),
        ("foo/", "foo/", true),
        ("foo/", "foo/a", false),
        ("a?c", "abc", true),
        ("a?c", "ac", false),
        ("*", "", true),
        ("", "", true),
        ("*/x/*", "a/b/x/c", true),
        ("ü/*", "ü/ß", true),
    ];
    for (pattern, text, expected) in cases {
        assert_eq!(iam_like(pattern, text), expected, "{pattern} ~ {text}");
    }
}

proptest::proptest! {
    /// The prefix index answers what Amplify's scan of every other path answers:
    /// `all.filter(p => p !== path && path.startsWith(p.replaceAll('*', '')))`.
    #[test]
    fn indexed_prefixes_are_amplifys(
        all in proptest::collection::vec("[a-c*/]{0,6}", 0..12),
        path in "[a-c*/]{0,8}",
    ) {
        let index = crate::model::PrefixIndex::new(all.iter().map(String::as_str));
        let amplifys: Vec<&str> = all
            .iter()
            .map(String::as_str)
            .filter(|p| *p != path && path.starts_with(&p.replace('*', "")))
            .collect();
        proptest::prop_assert_eq!(index.prefixes_of(&path), amplifys);
    }
}

/// r14 (found by keys with `*`): a literal `*` in a key still lets the pattern's `*`
/// match the rest, as IAM's resource matching does.
#[test]
fn r14_a_star_in_the_key_does_not_end_the_wildcard() {
    assert!(crate::access::iam_like("b/c/*", "b/c/*/a"));
    assert!(crate::access::iam_like("b/*/x", "b/*/*/x"));
    assert!(crate::access::iam_like("a?c", "a*c"));
    assert!(!crate::access::iam_like("b/c/*", "b/d/*"));
}

#[test]
fn one_reading_of_who_for_every_as_flag_and_local_key() {
    let cases = [
        ("guest", Some(Caller::Guest)),
        (
            "authenticated",
            Some(Caller::Authenticated { identity_id: None }),
        ),
        (
            "authenticated:",
            Some(Caller::Authenticated { identity_id: None }),
        ),
        (
            "authenticated:us-east-1:00000000-0000-4000-8000-000000000abc",
            Some(Caller::Authenticated {
                identity_id: Some("us-east-1:00000000-0000-4000-8000-000000000abc".into()),
            }),
        ),
        (
            "group:admin",
            Some(Caller::Group {
                name: "admin".into(),
                identity_id: None,
            }),
        ),
        (
            "group:admin:us-east-1:00000000-0000-4000-8000-000000000abc",
            Some(Caller::Group {
                name: "admin".into(),
                identity_id: Some("us-east-1:00000000-0000-4000-8000-000000000abc".into()),
            }),
        ),
        ("group:", None),
        ("group", None),
        // Only Cognito's REGION:UUID: a `*` would be substituted into the IAM variable
        // and act as every owner.
        ("authenticated:*", None),
        ("authenticated:us-east-1:*", None),
        ("group:admin:us-east-1:abc", None),
        (
            "authenticated:us-east-1:0A1B2C3D-0000-4000-8000-000000000000",
            None,
        ),
        (
            "authenticated:us-east-1:00000000-0000-4000-8000-000000000abc/x",
            None,
        ),
        (
            "authenticated:US:00000000-0000-4000-8000-000000000abc",
            None,
        ),
        ("guest:x", None),
        ("wizard", None),
        ("", None),
    ];
    for (text, expected) in cases {
        assert_eq!(text.parse::<Caller>().ok(), expected, "{text}");
    }
}

proptest::proptest! {
    #[test]
    fn who_reads_back_what_it_writes(
        kind in 0..3u8,
        name in "[A-Za-z0-9_-]{1,12}",
        id in proptest::option::of("[a-z]{2}-[a-z]{4,9}-[1-9]:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
    ) {
        let caller = match kind {
            0 => Caller::Guest,
            1 => Caller::Authenticated { identity_id: id },
            _ => Caller::Group { name, identity_id: id },
        };
        proptest::prop_assert_eq!(caller.to_string().parse::<Caller>(), Ok(caller));
    }
}

#[test]
fn the_access_table_holds_typed_cells() {
    use Action::{Delete, Get, List, Write};
    let tables = table(&example("team-drive").backend, None);
    assert_eq!(tables.len(), 1);
    let drive = &tables[0];
    assert_eq!(drive.principals, ["guest", "authenticated", "owner"]);
    let cells = |path: &str| {
        drive
            .rows
            .iter()
            .find(|r| r.path == path)
            .map(|r| r.cells.clone())
            .expect("a row per path")
    };
    assert_eq!(
        cells("profile-pictures/{entity_id}/*"),
        [
            Some(vec![Get, List]),
            Some(vec![]),
            Some(vec![Get, List, Write, Delete])
        ]
    );
    assert_eq!(
        cells("picture-submissions/*"),
        [
            Some(vec![Get, List, Write]),
            Some(vec![Get, List, Write]),
            None
        ]
    );
    assert!(table(&example("team-drive").backend, Some("nothing")).is_empty());
}

#[test]
fn the_browser_panel_names_who_may_do_what_at_a_folder_or_file() {
    use Action::{Delete, Get, List, Write};
    let drive = &example("team-drive").backend.storages[0];
    let at = |place: Place<'_>| who_may(drive, &["admin".to_string()], &place);
    let own = format!("profile-pictures/{ALICE}/");
    assert_eq!(owner_in(drive, &own), Some(ALICE.to_string()));
    assert_eq!(owner_in(drive, "profile-pictures/"), None);
    assert_eq!(owner_in(drive, "picture-submissions/"), None);
    assert_eq!(
        at(Place::Folder(&own)),
        vec![
            ("guest".to_string(), vec![Get, List]),
            ("authenticated".to_string(), vec![]),
            ("group:admin".to_string(), vec![]),
            ("owner".to_string(), vec![Get, List, Write, Delete]),
        ]
    );
    // A file is decided on its own key; listing on its folder.
    let file = format!("{own}me.jpg");
    assert_eq!(
        at(Place::Object(&file))[3].1,
        vec![Get, List, Write, Delete]
    );
    assert_eq!(
        at(Place::Object("picture-submissions/a.jpg"))[0],
        ("guest".to_string(), vec![Get, List, Write])
    );
    // The top of the bucket: nobody may list it, no rule covers a file there.
    assert!(
        at(Place::Folder(""))
            .iter()
            .all(|(_, actions)| actions.is_empty())
    );
    // Each row agrees with decide for the same caller.
    for (label, actions) in at(Place::Folder("picture-submissions/")) {
        let caller: Caller = label.parse().unwrap_or(Caller::Authenticated {
            identity_id: Some(BOB.into()),
        });
        let key = "picture-submissions/example.txt".to_string();
        assert_eq!(
            actions.contains(&Write),
            decide(drive, &caller, &Request::write(key)).allowed,
            "{label}"
        );
    }
}
