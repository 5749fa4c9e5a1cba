use super::*;
use crate::test_support::{example, storage_project};

const ALICE: &str = "us-east-1:11111111-1111-4111-8111-111111111111";
const BOB: &str = "us-east-1:22222222-2222-4222-8222-222222222222";

fn user(id: &str) -> Caller {
    Caller::Authenticated {
        identity_id: Some(id.into()),
    }
}

/// The one-line explanation for `who` (as named) on the team-drive example.
fn team_drive(caller: &Caller, who: &str, request: Request) -> String {
    let definition = example("team-drive");
    let storage = &definition.backend.storages[0];
    render(
        &explain(storage, caller, &request),
        who,
        &request,
        &definition.sources,
    )
}

#[test]
fn a_denial_names_the_rule_and_the_smallest_fix() {
    let text = team_drive(
        &user(ALICE),
        "alice@example.com",
        Request::delete("picture-submissions/a.jpg"),
    );
    assert_eq!(
        text,
        "denied: alice@example.com may not delete 'picture-submissions/a.jpg' in amplifyTeamDrive: no rule lets alice@example.com \
         delete there; 'picture-submissions/*' (amplify/storage/resource.ts:10:5) grants authenticated read, write; \
         guest read, write; fix: make it allow.authenticated.to(['read', 'write', 'delete']) on \
         'picture-submissions/*' (amplify/storage/resource.ts:11:7)"
    );
    let allowed = team_drive(
        &Caller::Guest,
        "guest",
        Request::write("picture-submissions/a.jpg"),
    );
    assert_eq!(
        allowed,
        "allowed: guest may write 'picture-submissions/a.jpg' in amplifyTeamDrive: the guest rule on 'picture-submissions/*' \
         (amplify/storage/resource.ts:12:7)"
    );
}

#[test]
fn a_principal_without_a_rule_is_told_which_rule_to_add() {
    let definition = example("social-room");
    let storage = &definition.backend.storages[0];
    let request = Request::write("room/a.txt");
    let why = explain(storage, &Caller::Guest, &request);
    assert!(
        matches!(
            why.fix,
            Some(Fix::AddAction {
                action: Action::Write,
                ..
            })
        ),
        "{why:?}"
    );
    let text = render(&why, "guest", &request, &definition.sources);
    assert!(text.ends_with("fix: make it allow.guest.to(['get', 'write']) on 'room/*' (amplify/storage/resource.ts:7:7)"), "{text}");
    let project = storage_project(
        &["admin"],
        "({ 'docs/*': [allow.groups(['admin']).to(['read'])] })",
    );
    let definition = project.load().expect("valid");
    let storage = &definition.backend.storages[0];
    let why = explain(storage, &Caller::Guest, &Request::get("docs/a.txt"));
    assert!(
        matches!(&why.fix, Some(Fix::AddRule { principal: Principal::Guest, action: Action::Get, path }) if path.path == "docs/*"),
        "{why:?}"
    );
    let why = explain(storage, &Caller::Guest, &Request::write("other/a.txt"));
    assert_eq!(why.path, None);
    assert_eq!(
        why.fix,
        Some(Fix::AddPath {
            path: "other/*".into(),
            principal: Principal::Guest,
            action: Action::Write
        })
    );
}

#[test]
fn trap_an_owner_path_outside_the_callers_own_folder() {
    let key = format!("profile-pictures/{BOB}/me.jpg");
    let text = team_drive(
        &user(ALICE),
        "alice@example.com",
        Request::write(key.clone()),
    );
    assert_eq!(
        text,
        format!(
            "denied: alice@example.com may not write '{key}' in amplifyTeamDrive: 'profile-pictures/{{entity_id}}/*' \
             (amplify/storage/resource.ts:6:5) lets each user write only in their own folder, and '{BOB}' is \
             not alice@example.com's identity id ({ALICE})"
        )
    );
    let without_id = team_drive(
        &Caller::Authenticated { identity_id: None },
        "authenticated",
        Request::write(key),
    );
    assert!(
        without_id.contains("(none was given: act as authenticated:<IDENTITY_ID>)"),
        "{without_id}"
    );
}

#[test]
fn trap_a_listing_outside_every_allowed_prefix() {
    let text = team_drive(&Caller::Guest, "guest", Request::list(String::new()));
    assert_eq!(
        text,
        "denied: guest may not list the top of amplifyTeamDrive: listing is decided on the prefix asked for, and '' is \
         outside every prefix guest may list ('profile-pictures/{entity_id}/', 'picture-submissions/') \
         (amplify-backend#2479); list 'picture-submissions/' instead"
    );
}

#[test]
fn trap_a_sub_path_with_rules_of_its_own() {
    let project = storage_project(
        &[],
        "({ 'photos/*': [allow.guest.to(['read'])], 'photos/private/*': [allow.authenticated.to(['read'])] })",
    );
    let definition = project.load().expect("valid");
    let storage = &definition.backend.storages[0];
    let request = Request::get("photos/private/a.jpg");
    let why = explain(storage, &Caller::Guest, &request);
    assert!(
        matches!(why.trap, Some(Trap::SubPathReplaces { parent, child }) if parent.path == "photos/*" && child.path == "photos/private/*")
    );
    let text = render(&why, "guest", &request, &definition.sources);
    assert!(
        text.starts_with("denied: guest may not get 'photos/private/a.jpg' in bkt: 'photos/*' (amplify/storage/resource.ts:4:")
            && text.contains("grants it, but 'photos/private/*' (amplify/storage/resource.ts:4:")
            && text.contains("has rules of its own, which replace its parent's there; fix: add allow.guest.to(['get']) to 'photos/private/*'"),
        "{text}"
    );
}

#[test]
fn trap_a_group_member_acts_with_the_groups_role_only() {
    let project = storage_project(
        &["admin"],
        "({ 'docs/*': [allow.authenticated.to(['read'])] })",
    );
    let definition = project.load().expect("valid");
    let storage = &definition.backend.storages[0];
    let admin = Caller::Group {
        name: "admin".into(),
        identity_id: Some(ALICE.into()),
    };
    let request = Request::get("docs/a.txt");
    let text = render(
        &explain(storage, &admin, &request),
        "admin@example.com",
        &request,
        &definition.sources,
    );
    assert!(
        text.contains("grants authenticated users get, but members of group admin act with the group's role, which holds only allow.groups(['admin']) rules")
            && text.ends_with("fix: add allow.groups(['admin']).to(['get']) to 'docs/*' (amplify/storage/resource.ts:4:26)"),
        "{text}"
    );
}

/// Every explanation agrees with the decision, and a denial's fix, applied, allows it.
#[test]
fn explanations_agree_with_decide_and_fixes_work() {
    use proptest::prelude::*;
    use proptest::test_runner::TestRunner;
    let definition = example("team-drive");
    let storage = definition.backend.storages[0].clone();
    let callers = [
        Caller::Guest,
        user(ALICE),
        user(BOB),
        Caller::Group {
            name: "admin".into(),
            identity_id: Some(ALICE.into()),
        },
    ];
    let keys = prop::sample::select(vec![
        format!("profile-pictures/{ALICE}/a.jpg"),
        format!("profile-pictures/{BOB}/a.jpg"),
        "picture-submissions/a.jpg".to_string(),
        "elsewhere/a.jpg".to_string(),
        "profile-pictures/".to_string(),
        String::new(),
    ]);
    let mut runner = TestRunner::default();
    runner
        .run(&(0..callers.len(), keys, 0..4usize), |(c, key, a)| {
            let caller = &callers[c];
            let request = match a {
                0 => Request::get(key),
                1 => Request::write(key),
                2 => Request::delete(key),
                _ => Request::list(key),
            };
            let why = explain(&storage, caller, &request);
            prop_assert_eq!(why.allowed, decide(&storage, caller, &request).allowed);
            let mut fixed = storage.clone();
            let changed = match &why.fix {
                Some(Fix::AddAction { path, rule, action }) => {
                    let (p, r) = (path.path.clone(), rule.principal.clone());
                    let rule = fixed
                        .access
                        .iter_mut()
                        .flatten()
                        .find(|x| x.path == p)
                        .and_then(|x| x.rules.iter_mut().find(|y| y.principal == r));
                    rule.expect("the rule").actions.push(*action);
                    true
                }
                Some(Fix::AddRule {
                    path,
                    principal,
                    action,
                }) => {
                    let p = path.path.clone();
                    let path = fixed
                        .access
                        .iter_mut()
                        .flatten()
                        .find(|x| x.path == p)
                        .expect("the path");
                    let mut rule = path.rules[0].clone();
                    (rule.principal, rule.actions) = (principal.clone(), vec![*action]);
                    path.rules.push(rule);
                    true
                }
                _ => false,
            };
            if changed {
                prop_assert!(
                    decide(&fixed, caller, &request).allowed,
                    "{:?} does not allow {:?}",
                    why.fix,
                    request
                );
            }
            Ok(())
        })
        .expect("agrees");
}
