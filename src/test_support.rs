//! Helpers for unit tests: a project on disk from inline TypeScript, and checks on
//! the files the product writes.

use std::path::Path;

use crate::diagnostic::Diagnostics;
use crate::project::{self, Definition};

/// A temporary project with `amplify/backend.ts` importing `auth` and `storage`.
pub(crate) struct TestProject {
    pub dir: tempfile::TempDir,
}

impl TestProject {
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("package.json"), r#"{ "name": "test-app" }"#)
            .expect("write");
        Self { dir }
    }

    pub(crate) fn file(self, rel: &str, text: &str) -> Self {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        self
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn load(&self) -> Result<Definition, Diagnostics> {
        project::load(self.root(), self.root())
    }
}

/// A backend with `defineAuth` (email, the given groups) and one storage whose
/// `access` callback body is `access`.
pub(crate) fn storage_project(groups: &[&str], access: &str) -> TestProject {
    let groups = groups
        .iter()
        .map(|g| format!("'{g}'"))
        .collect::<Vec<_>>()
        .join(", ");
    TestProject::new()
        .file(
            "amplify/backend.ts",
            "import { defineBackend } from '@aws-amplify/backend';\n\
             import { auth } from './auth/resource';\n\
             import { storage } from './storage/resource';\n\
             defineBackend({ auth, storage });\n",
        )
        .file(
            "amplify/auth/resource.ts",
            &format!(
                "import {{ defineAuth }} from '@aws-amplify/backend';\n\
                 export const auth = defineAuth({{ loginWith: {{ email: true }}, groups: [{groups}] }});\n"
            ),
        )
        .file(
            "amplify/storage/resource.ts",
            &format!(
                "import {{ defineStorage }} from '@aws-amplify/backend';\n\
                 export const storage = defineStorage({{\n  name: 'bkt',\n  access: (allow) => ({access})\n}});\n"
            ),
        )
}

/// The single storage of [`storage_project`], evaluated; panics with the rendered
/// diagnostics when the definition is invalid.
pub(crate) fn storage(groups: &[&str], access: &str) -> crate::model::Storage {
    match storage_project(groups, access).load() {
        Ok(def) => def.backend.storages[0].clone(),
        Err(d) => panic!("{}", d.render()),
    }
}

/// The example project `examples/<name>`.
pub(crate) fn example(name: &str) -> Definition {
    load_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name),
    )
}

/// The real-world-shaped project `tests/fixtures/real/<name>`.
pub(crate) fn real_fixture(name: &str) -> Definition {
    load_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/real")
            .join(name),
    )
}

fn load_dir(root: &Path) -> Definition {
    match project::load(root, root) {
        Ok(def) => def,
        Err(d) => panic!("{}", d.render()),
    }
}

/// A file only its owner may read or write (mode 0600), as every secret the product
/// keeps on disk must be.
pub(crate) fn assert_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", path.display());
    }
}
