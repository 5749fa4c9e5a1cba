//! CloudFormation logical ids, made the way the CDK makes them, so our resources get
//! the same ids Amplify gives them (`amplifyTeamDriveBucket28B5C701`).

use md5::{Digest, Md5};

/// CDK's `makeUniqueId`: the alphanumeric human part of the construct path (without
/// `Resource` components and repeated suffixes) plus 8 hex digits of the path's MD5.
pub fn unique_id(components: &[&str]) -> String {
    let components: Vec<&str> = components
        .iter()
        .copied()
        .filter(|c| *c != "Default")
        .collect();
    let digest = Md5::digest(components.join("/").as_bytes());
    let hash: String = digest.iter().take(4).map(|b| format!("{b:02X}")).collect();
    let mut human_parts: Vec<&str> = Vec::new();
    for c in &components {
        if human_parts.last().is_none_or(|last| !last.ends_with(c)) {
            human_parts.push(c);
        }
    }
    let human: String = human_parts
        .into_iter()
        .filter(|c| *c != "Resource")
        .flat_map(|c| c.chars().filter(char::is_ascii_alphanumeric))
        .take(240)
        .collect();
    format!("{human}{hash}")
}

#[cfg(test)]
mod tests {
    use super::unique_id;

    #[test]
    fn matches_the_ids_amplify_generates() {
        let cases = [
            (
                vec!["amplifyTeamDrive", "Bucket", "Resource"],
                "amplifyTeamDriveBucket28B5C701",
            ),
            (
                vec!["myFiles", "Bucket", "Resource"],
                "myFilesBucket74C63487",
            ),
            (
                vec!["firstBucket", "Bucket", "Resource"],
                "firstBucketB40A1E24",
            ),
            (
                vec!["secondBucket", "Bucket", "Resource"],
                "secondBucketC2B62305",
            ),
            (
                vec!["gen2-multi-cursor-demo-app", "Bucket", "Resource"],
                "gen2multicursordemoappBucket15921497",
            ),
            (
                vec!["Appimages", "Bucket", "Resource"],
                "AppimagesBucket9E700C22",
            ),
            (
                vec!["amplifyTeamDrive", "Bucket", "Policy", "Resource"],
                "amplifyTeamDriveBucketPolicy20828FCE",
            ),
            (
                vec!["amplifyAuth", "UserPool", "Resource"],
                "amplifyAuthUserPool4BA7F805",
            ),
            (
                vec!["amplifyAuth", "UserPoolAppClient", "Resource"],
                "amplifyAuthUserPoolAppClient2626C6F8",
            ),
            (
                vec!["amplifyAuth", "IdentityPool"],
                "amplifyAuthIdentityPool3FDE84CC",
            ),
            (
                vec!["amplifyAuth", "authenticatedUserRole", "Resource"],
                "amplifyAuthauthenticatedUserRoleD8DA3689",
            ),
            (
                vec!["amplifyAuth", "unauthenticatedUserRole", "Resource"],
                "amplifyAuthunauthenticatedUserRole2B524D9E",
            ),
            (
                vec!["amplifyAuth", "IdentityPoolRoleAttachment"],
                "amplifyAuthIdentityPoolRoleAttachment045F17C8",
            ),
            (
                vec!["amplifyAuth", "adminGroupRole", "Resource"],
                "amplifyAuthadminGroupRole7DCAC20D",
            ),
            (
                vec!["amplifyAuth", "adminGroup"],
                "amplifyAuthadminGroupBF1343DA",
            ),
        ];
        for (path, id) in cases {
            assert_eq!(unique_id(&path), id, "{path:?}");
        }
    }
}
