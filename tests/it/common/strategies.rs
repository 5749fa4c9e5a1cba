//! Random valid storage definitions, callers and requests, shared by the tests that
//! check that every way of deciding access agrees.

use ampx_rs::access::{Caller, Request};
use ampx_rs::model::{AccessPath, AccessRule, Action, Principal, Span, Storage};
use proptest::prelude::*;

pub(crate) const ID1: &str = "us-east-1:00000000-0000-4000-8000-00000000aaaa";
pub(crate) const ID2: &str = "us-east-1:00000000-0000-4000-8000-00000000bbbb";

const PATHS: [&str; 9] = [
    "a/*",
    "a/b/*",
    "a/{entity_id}/*",
    "b/*",
    "b/c/*",
    "b/{entity_id}/*",
    "c/*",
    "a/b/{entity_id}/*",
    "c/d/*",
];

pub(crate) fn principal() -> impl Strategy<Value = Principal> {
    prop_oneof![
        Just(Principal::Guest),
        Just(Principal::Authenticated),
        Just(Principal::Owner),
        Just(Principal::Group("admin".into())),
        Just(Principal::Group("editors".into())),
    ]
}

pub(crate) fn actions() -> impl Strategy<Value = Vec<Action>> {
    prop::sample::subsequence(Action::ALL.to_vec(), 1..=4)
}

/// A valid storage definition: access paths that pass Amplify's rules, each with rules
/// for distinct principals.
pub(crate) fn storage() -> impl Strategy<Value = Storage> {
    let path_rules = (
        prop::sample::subsequence(PATHS.to_vec(), 1..=4),
        prop::collection::vec(prop::collection::vec((principal(), actions()), 0..=3), 4),
    );
    path_rules
        .prop_filter("Amplify accepts the paths", |(paths, _)| {
            let index = ampx_rs::model::PrefixIndex::new(paths.iter().copied());
            paths
                .iter()
                .all(|p| ampx_rs::validate::path_error(p, &index).is_none())
        })
        .prop_map(|(paths, rules)| {
            let access = paths
                .iter()
                .zip(rules)
                .map(|(path, mut rules)| {
                    rules.sort_by(|a, b| a.0.cmp(&b.0));
                    rules.dedup_by(|a, b| a.0 == b.0);
                    AccessPath {
                        path: path.to_string(),
                        span: Span::default(),
                        rules: rules
                            .into_iter()
                            .map(|(principal, actions)| AccessRule {
                                principal,
                                actions,
                                span: Span::default(),
                                principal_span: Span::default(),
                            })
                            .collect(),
                    }
                })
                .collect();
            Storage {
                name: "bkt".into(),
                name_span: Span::default(),
                is_default: None,
                versioned: false,
                access: Some(access),
                span: Span::default(),
            }
        })
}

pub(crate) fn caller() -> impl Strategy<Value = Caller> {
    // Callers without an identity id too (`--as authenticated`, `--as group:NAME`).
    let id = prop_oneof![
        Just(Some(ID1.to_string())),
        Just(Some(ID2.to_string())),
        Just(None)
    ];
    prop_oneof![
        Just(Caller::Guest),
        id.clone()
            .prop_map(|identity_id| Caller::Authenticated { identity_id }),
        (prop::sample::select(vec!["admin", "editors", "ghost"]), id).prop_map(
            |(name, identity_id)| Caller::Group {
                name: name.into(),
                identity_id
            }
        ),
    ]
}

/// Requests aimed mostly inside the storage's own paths (where parent and child rules
/// meet), sometimes anywhere.
pub(crate) fn request(storage: &Storage) -> impl Strategy<Value = Request> + use<> {
    let bases: Vec<String> = storage
        .access
        .iter()
        .flatten()
        .flat_map(|p| {
            let stem = p.path.trim_end_matches('*').to_string();
            [
                stem.replace("{entity_id}", ID1),
                stem.replace("{entity_id}", ID2),
            ]
        })
        .chain([String::new()])
        .collect();
    // Key characters that mean something elsewhere (IAM wildcards, URL escapes, paths).
    let segment = prop::sample::select(vec![
        "a", "b", "c", "d", "x", ID1, ID2, "f.txt", "", "*", "a?b", "%2F", "ü", "..", "s p",
    ]);
    (
        prop::sample::select(bases),
        prop::collection::vec(segment, 0..=3),
        0..4u8,
        any::<bool>(),
    )
        .prop_map(|(base, segments, kind, slash)| {
            let mut path = format!("{base}{}", segments.join("/"));
            if slash && !path.ends_with('/') {
                path.push('/');
            }
            match kind {
                0 => Request::get(path),
                1 => Request::write(path),
                2 => Request::delete(path),
                _ => Request::list(path),
            }
        })
}
