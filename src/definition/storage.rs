//! `defineStorage({...})`: its properties, and the access callback called with Amplify's
//! `allow` builder, read into the model's `Storage` and `AccessPath`s.

use super::eval::{AllowMethod, Eval, Evaluator, Property, Scope, Value, wrong_type};
use super::left_out;
use super::syntax::{Arrow, Elem};
use crate::diagnostic::Diagnostic;
use crate::model::{AccessPath, AccessRule, Action, LeftOutKind, Principal, Storage};
use crate::source::Span;

/// The properties `defineStorage` takes that ampx-rs reads (`triggers` is left out).
const STORAGE_PROPERTIES: &[&str] = &["name", "isDefault", "versioned", "access", "keepOnDelete"];

impl Evaluator {
    /// `defineStorage({...})`: each property read as Amplify reads it.
    pub(super) fn storage(&mut self, props: Vec<Property>, span: Span) -> Eval<Storage> {
        let mut storage = Storage {
            name: String::new(),
            name_span: span,
            is_default: None,
            versioned: false,
            access: None,
            span,
        };
        let has_name = props.iter().any(|(k, ..)| k == "name");
        let name_failed = props
            .iter()
            .any(|(k, _, v, _)| k == "name" && !matches!(v, Ok(Value::Str(_))));
        for (key, key_span, value, value_span) in props {
            let result = match (key.as_str(), value) {
                // What the property is matters more than whether its value evaluates.
                ("triggers", value) => {
                    self.leave_out_each(
                        LeftOutKind::StorageTrigger,
                        "triggers",
                        value,
                        key_span,
                        false,
                    );
                    Ok(())
                }
                (_, Err(d)) => Err(d),
                ("name", Ok(Value::Str(s))) => {
                    storage.name = s;
                    storage.name_span = value_span;
                    Ok(())
                }
                ("isDefault", Ok(Value::Bool(b))) => {
                    storage.is_default = b.then_some(key_span);
                    Ok(())
                }
                ("versioned", Ok(Value::Bool(b))) => {
                    storage.versioned = b;
                    Ok(())
                }
                // Sandboxes always delete their buckets, as Amplify's sandbox does.
                ("keepOnDelete", Ok(Value::Bool(_))) => Ok(()),
                ("access", Ok(Value::Arrow(arrow, scope))) => {
                    storage.access = Some(self.access(&arrow, &scope));
                    Ok(())
                }
                (known, Ok(other)) if STORAGE_PROPERTIES.contains(&known) => {
                    let expected = match key.as_str() {
                        "name" => "a string",
                        "access" => "an arrow function `allow => ({ ... })`",
                        _ => "`true` or `false`",
                    };
                    Err(wrong_type(expected, &other, value_span))
                }
                (other, Ok(_)) => Err(Diagnostic::new(
                    "UnsupportedPropertyError",
                    format!("`defineStorage` has no property `{other}` that ampx-rs supports"),
                    key_span,
                )
                .hint(format!(
                    "supported properties: {}",
                    STORAGE_PROPERTIES.join(", ")
                ))),
            };
            if let Err(d) = result {
                self.errors.push(d);
            }
        }
        if name_failed {
            // Without its name the bucket cannot be checked; its error is reported.
            return Err(Diagnostic::silent(span));
        }
        if !has_name {
            return Err(Diagnostic::new(
                "InvalidValueError",
                "`defineStorage` needs a `name`",
                span,
            ));
        }
        Ok(storage)
    }

    /// The access callback called with `allow`: its paths and their rules.
    fn access(&mut self, arrow: &Arrow, scope: &Scope) -> Vec<AccessPath> {
        let props = match self.apply(arrow, scope, vec![Value::Allow]) {
            Ok(Value::Object(props)) => props,
            Ok(other) => {
                self.errors.push(wrong_type(
                    "an object of access paths",
                    &other,
                    arrow.body.span(),
                ));
                return Vec::new();
            }
            Err(d) => {
                self.errors.push(d);
                return Vec::new();
            }
        };
        let mut paths = Vec::new();
        for (path, key_span, value, value_span) in props {
            let items = match value {
                Value::Array(items) => items,
                other => {
                    self.errors
                        .push(wrong_type("an array of access rules", &other, value_span));
                    continue;
                }
            };
            let mut rules = Vec::new();
            for (item, item_span) in items {
                match item {
                    Value::Rules(r) => rules.extend(r),
                    other => self.errors.push(
                        wrong_type("an access rule", &other, item_span)
                            .hint("write rules as allow.guest.to(['read'])"),
                    ),
                }
            }
            paths.push(AccessPath {
                path,
                span: key_span,
                rules,
            });
        }
        paths
    }

    /// `allow.groups([...])`, `allow.entity('identity')`, `allow.resource(fn)`.
    pub(super) fn allow_method(
        &mut self,
        method: AllowMethod,
        args: &[Elem],
        span: Span,
        scope: &Scope,
    ) -> Eval<Value> {
        match method {
            AllowMethod::Groups => {
                let items = self.single_array_arg(args, span, scope, "allow.groups")?;
                let mut groups = Vec::new();
                for (item, item_span) in items {
                    match item {
                        Value::Str(g) => groups.push(Principal::Group(g)),
                        other => return Err(wrong_type("a group name", &other, item_span)),
                    }
                }
                Ok(Value::Principals(groups, span))
            }
            AllowMethod::Entity => match args {
                [Elem::Value(arg)] => match self.eval(arg, scope)? {
                    Value::Str(s) if s == "identity" => {
                        Ok(Value::Principals(vec![Principal::Owner], span))
                    }
                    other => Err(Diagnostic::new(
                        "UnsupportedAccessRuleError",
                        format!(
                            "`allow.entity` takes 'identity', found {}",
                            match other {
                                Value::Str(s) => format!("'{s}'"),
                                v => v.describe().to_string(),
                            }
                        ),
                        arg.span(),
                    )),
                },
                _ => Err(Diagnostic::new(
                    "InvalidValueError",
                    "`allow.entity` takes one argument: 'identity'",
                    span,
                )),
            },
            AllowMethod::Resource => Ok(Value::ResourcePrincipal(span)),
        }
    }

    /// `PRINCIPALS.to([...actions])`: one rule per principal. A wrong action is
    /// reported and the rest of the definition still read, so every problem of a file
    /// shows at once (a bad path beside it too).
    pub(super) fn rules(
        &mut self,
        principals: Vec<Principal>,
        principal_span: Span,
        items: Vec<(Value, Span)>,
        span: Span,
    ) -> Value {
        let mut actions: Vec<Action> = Vec::new();
        let mut wrong = false;
        for (item, item_span) in items {
            let named = match &item {
                Value::Str(s) => Action::named(s).ok_or_else(|| not_an_action(s, item_span)),
                other => Err(wrong_type("an action name", other, item_span)),
            };
            let expanded = match named {
                Ok(expanded) => expanded,
                Err(d) => {
                    self.errors.push(d);
                    wrong = true;
                    continue;
                }
            };
            for a in expanded {
                if !actions.contains(&a) {
                    actions.push(a);
                }
            }
        }
        // Only wrong actions: no rule, rather than a second error for an empty one.
        if wrong && actions.is_empty() {
            return Value::Rules(Vec::new());
        }
        Value::Rules(
            principals
                .into_iter()
                .map(|principal| AccessRule {
                    principal,
                    actions: actions.clone(),
                    span,
                    principal_span,
                })
                .collect(),
        )
    }

    /// `allow.resource(fn).to([...])`: a function's access is Amplify's to grant;
    /// ampx-rs names it and moves on.
    pub(super) fn resource_rules(&mut self, rule_span: Span, span: Span) -> Value {
        let code = &self.sources.get(span.file).text;
        let what = code
            .get(rule_span.start as usize..span.end as usize)
            .map(left_out::summarize)
            .unwrap_or_default();
        self.leave_out(LeftOutKind::FunctionAccess, what, span, true);
        Value::Rules(Vec::new())
    }
}

/// An action word Amplify does not know, with the words it does (`read` first, as
/// Amplify's docs list them).
fn not_an_action(word: &str, span: Span) -> Diagnostic {
    let mut words: Vec<String> = Action::words().map(|w| format!("'{w}'")).collect();
    words.rotate_right(1);
    let last = words.pop().unwrap_or_default();
    Diagnostic::new(
        "InvalidValueError",
        format!("'{word}' is not a storage action"),
        span,
    )
    .hint(format!("use {} or {last}", words.join(", ")))
}
