//! `--include` / `--exclude` as `aws s3` applies them: every object is included to
//! begin with, the filters are tried in the order given, and the last one that
//! matches decides. Patterns match the path relative to the source (the local folder
//! or the S3 prefix); `*` matches across `/`, `?` one character, `[…]` a set.

use globset::{GlobBuilder, GlobMatcher};

use crate::error::UsageError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterKind {
    Include,
    Exclude,
}

#[derive(Debug, Clone, Default)]
pub struct Filters {
    rules: Vec<(FilterKind, GlobMatcher)>,
}

impl Filters {
    /// Filters in command-line order.
    pub fn new(ordered: &[(FilterKind, String)]) -> Result<Filters, UsageError> {
        let rules = ordered
            .iter()
            .map(|(kind, pattern)| {
                GlobBuilder::new(pattern)
                    .literal_separator(false)
                    .backslash_escape(false)
                    .build()
                    .map(|g| (*kind, g.compile_matcher()))
                    .map_err(|e| {
                        UsageError::new(format!("invalid filter pattern '{pattern}': {e}"))
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(Filters { rules })
    }

    /// Is the object at `relative` (to the source) part of the transfer?
    pub fn includes(&self, relative: &str) -> bool {
        let mut included = true;
        for (kind, matcher) in &self.rules {
            if matcher.is_match(relative) {
                included = *kind == FilterKind::Include;
            }
        }
        included
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use FilterKind::{Exclude, Include};
    use proptest::prelude::*;

    fn filters(list: &[(FilterKind, &str)]) -> Filters {
        Filters::new(
            &list
                .iter()
                .map(|(k, p)| (*k, p.to_string()))
                .collect::<Vec<_>>(),
        )
        .expect("valid")
    }

    #[test]
    fn later_filters_win() {
        let f = filters(&[(Exclude, "*"), (Include, "*.jpg")]);
        assert!(f.includes("a.jpg"));
        assert!(f.includes("deep/dir/a.jpg"), "* crosses /");
        assert!(!f.includes("a.png"));
        let f = filters(&[(Include, "*.jpg"), (Exclude, "*")]);
        assert!(!f.includes("a.jpg"));
    }

    #[test]
    fn sets_and_single_characters() {
        let f = filters(&[(Exclude, "log?.[tc]xt")]);
        assert!(!f.includes("log1.txt"));
        assert!(!f.includes("log2.cxt"));
        assert!(f.includes("log12.txt"));
        let f = filters(&[(Exclude, "tmp/*")]);
        assert!(!f.includes("tmp/a"));
        assert!(f.includes("a/tmp/b"));
    }

    #[test]
    fn bad_patterns_are_usage_errors() {
        assert!(Filters::new(&[(Include, "[".to_string())]).is_err());
    }

    proptest! {
        #[test]
        fn no_filters_include_everything(path in "\\PC*") {
            prop_assert!(Filters::default().includes(&path));
        }

        #[test]
        fn a_trailing_exclude_star_excludes_everything(path in "\\PC*", pattern in "[a-z*?/.]{0,8}") {
            let f = filters(&[(Include, &pattern), (Exclude, "*")]);
            prop_assert!(!f.includes(&path));
        }
    }
}
