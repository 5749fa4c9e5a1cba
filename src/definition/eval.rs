//! Evaluates the lowered definition files into the [`Backend`] model, following
//! relative imports. Collects every problem instead of stopping at the first.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::imports::{is_javascript, module_file, normalize, pathdiff};
use super::left_out;
use super::strings::{Arg, STRING_METHODS, number_text, string_method};
use super::syntax::{Arrow, Elem, Export, Expr, Module, Prop, Statement, parse_module};
use crate::diagnostic::Diagnostic;
use crate::model::{AccessRule, Auth, Backend, LeftOut, LeftOutKind, Principal, Storage};
use crate::source::{FileId, SourceFile, Sources, Span};

pub(super) const AMPLIFY_PACKAGE: &str = "@aws-amplify/backend";
const STORAGE_PACKAGE: &str = "@aws-amplify/backend-storage";
const AUTH_PACKAGE: &str = "@aws-amplify/backend-auth";
const SUPPORTED: &str = "ampx-rs evaluates `defineBackend`, `defineStorage` and `defineAuth` with literal \
                         values, `const`s, arrow functions and relative imports; see docs/definition.md";
/// Globals that only exist when Node runs the file.
const NODE_GLOBALS: &[&str] = &[
    "process",
    "require",
    "module",
    "exports",
    "console",
    "globalThis",
    "Buffer",
    "__dirname",
    "__filename",
    "JSON",
    "Math",
    "Date",
    "Object",
    "Array",
    "String",
    "Number",
    "Boolean",
    "Symbol",
    "Promise",
];
/// Deeper than any real definition; stops `const a = b; const b = a;` loops.
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// The `define*` functions of `@aws-amplify/backend` that ampx-rs evaluates.
pub(super) enum Builtin {
    Backend,
    Storage,
    Auth,
    ReferenceAuth,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AllowMethod {
    Groups,
    Entity,
    Resource,
}

/// The functions Amplify passes to message callbacks (`createCode`, `createLink`,
/// `username`): each returns the placeholder Cognito fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Placeholder {
    Fixed(&'static str),
    /// `createLink(text?)`: `{##text##}`, or `{##Verify Email##}` without text.
    Link,
}

#[derive(Debug, Clone)]
pub(super) enum Value {
    Str(String),
    Num(f64),
    Bool(bool),
    Undefined,
    Array(Vec<(Value, Span)>),
    Object(Vec<(String, Span, Value, Span)>),
    Builtin(Builtin),
    /// A value from another package, or anything built from one (`a.schema(...)`,
    /// `defineFunction(...)`): only left-out code may use it.
    External {
        module: String,
        name: String,
    },
    /// A construct the evaluator does not run; an error only where a value is needed.
    Opaque {
        what: String,
        span: Span,
    },
    Storage(usize),
    Auth(usize),
    Arrow(Rc<Arrow>, Scope),
    Placeholder(Placeholder),
    Allow,
    AllowMethod(AllowMethod),
    Principals(Vec<Principal>, Span),
    To(Vec<Principal>, Span),
    /// `allow.resource(fn)`, and its `.to`.
    ResourcePrincipal(Span),
    ResourceTo(Span),
    Rules(Vec<AccessRule>),
    /// A string's pure method (`'x'.trim`), ready to be called.
    StringMethod(String, String),
}

impl Value {
    pub(super) fn describe(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Num(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::Undefined => "`undefined`",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
            Value::Builtin(_)
            | Value::External { .. }
            | Value::Arrow(..)
            | Value::Placeholder(_)
            | Value::StringMethod(..) => "a function",
            Value::Opaque { .. } => "a value computed at run time",
            Value::Storage(_) => "a defineStorage result",
            Value::Auth(_) => "a defineAuth result",
            Value::Allow
            | Value::AllowMethod(_)
            | Value::Principals(..)
            | Value::To(..)
            | Value::ResourcePrincipal(_)
            | Value::ResourceTo(_) => "part of an access rule",
            Value::Rules(_) => "an access rule",
        }
    }
}

/// Local bindings of an arrow function body, innermost last.
#[derive(Debug, Clone)]
pub(super) struct Scope {
    file: FileId,
    locals: Rc<Vec<(String, Value)>>,
}

pub(super) type Eval<T> = Result<T, Diagnostic>;

/// One property of an object argument: key, key span, value (or why it has none), value span.
pub(super) type Property = (String, Span, Eval<Value>, Span);

fn unsupported(what: impl std::fmt::Display, span: Span) -> Diagnostic {
    Diagnostic::new(
        "UnsupportedExpressionError",
        format!("{what} cannot be evaluated without running Node"),
        span,
    )
    .hint(SUPPORTED)
}

/// `found` where `expected` is needed. A value that could not be evaluated is reported
/// as what it is, where it is.
pub(super) fn wrong_type(expected: &str, found: &Value, span: Span) -> Diagnostic {
    match found {
        Value::Opaque { what, span } => return unsupported(what, *span),
        Value::External { module, name } => return external(module, name, span),
        _ => {}
    }
    Diagnostic::new(
        "InvalidValueError",
        format!("expected {expected}, found {}", found.describe()),
        span,
    )
}

pub(super) struct Evaluator {
    root: PathBuf,
    cwd: PathBuf,
    pub sources: Sources,
    modules: Vec<Module>,
    pub errors: Vec<Diagnostic>,
    left_out: Vec<LeftOut>,
    /// The `defineBackend` keys of storage entries (`backend.<key>` in CDK code).
    storage_keys: Vec<String>,
    storages: Vec<Storage>,
    auths: Vec<Auth>,
    calls: HashMap<Span, Value>,
    consts: HashMap<(FileId, String), Value>,
    visiting: HashSet<(FileId, String)>,
    depth: usize,
}

impl Evaluator {
    pub(super) fn new(root: &Path, cwd: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            cwd: cwd.to_path_buf(),
            sources: Sources::default(),
            modules: Vec::new(),
            errors: Vec::new(),
            left_out: Vec::new(),
            storage_keys: Vec::new(),
            storages: Vec::new(),
            auths: Vec::new(),
            calls: HashMap::new(),
            consts: HashMap::new(),
            visiting: HashSet::new(),
            depth: 0,
        }
    }

    /// Reads and lowers a file once; returns its id.
    fn load(&mut self, path: &Path, text: String) -> FileId {
        if let Some(id) = self.sources.find(path) {
            return id;
        }
        let rel = path
            .strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let display = pathdiff(path, &self.cwd);
        let id = self.sources.add(SourceFile {
            display,
            rel,
            path: path.to_path_buf(),
            text,
        });
        let module = parse_module(id, &self.sources.get(id).text);
        self.errors.extend(module.errors.iter().cloned());
        self.modules.push(module);
        id
    }

    /// Evaluates `backend_file` and everything it imports.
    pub(super) fn run(&mut self, backend_file: &Path, text: String) -> Option<Backend> {
        let file = self.load(backend_file, text);
        let module = self.modules[file].clone();
        let mut found: Option<(usize, Expr)> = None;
        for (index, statement) in module.statements.iter().enumerate() {
            let candidates: Vec<&Expr> = match statement {
                Statement::Expr(expr, _) => vec![expr],
                Statement::Const(names, _) => {
                    names.iter().filter_map(|n| module.consts.get(n)).collect()
                }
                Statement::Other { .. } => Vec::new(),
            };
            for expr in candidates {
                if self.define_backend_call(file, expr).is_none() {
                    continue;
                }
                if found.is_some() {
                    self.errors.push(Diagnostic::new(
                        "UnsupportedStatementError",
                        "`defineBackend` is called more than once",
                        expr.span(),
                    ));
                } else {
                    found = Some((index, expr.clone()));
                }
            }
        }
        let mut backend = match &found {
            Some((_, call)) => self.collect(|ev| ev.backend(file, call)),
            None => None,
        };
        let backend_index = found.as_ref().map(|(index, _)| *index);
        let holder = match backend_index.map(|i| &module.statements[i]) {
            Some(Statement::Const(names, _)) => names.clone(),
            _ => Vec::new(),
        };
        // The names through which backend.ts code reaches what ampx-rs deploys: the
        // storage entries of `defineBackend`, then every `const` taken from them.
        let mut deployed = std::mem::take(&mut self.storage_keys);
        for (index, statement) in module.statements.iter().enumerate() {
            if Some(index) == backend_index || self.is_definition(file, &module, statement, &holder)
            {
                continue;
            }
            let code = self.code(statement.span());
            deployed.extend(left_out::aliases(&code, &deployed));
            self.leave_out_code(LeftOutKind::BackendCode, statement.span(), &deployed);
        }
        for other in (0..self.modules.len()).filter(|&f| f != file) {
            let statements = self.modules[other].statements.clone();
            for statement in statements {
                if matches!(
                    statement,
                    Statement::Expr(..)
                        | Statement::Other {
                            declares: false,
                            ..
                        }
                ) {
                    self.leave_out_code(LeftOutKind::Code, statement.span(), &[]);
                }
            }
        }
        if found.is_none() && self.errors.is_empty() {
            self.errors.push(
                Diagnostic::new(
                    "MissingBackendError",
                    "amplify/backend.ts does not call `defineBackend`",
                    Span::new(file, 0, 0),
                )
                .hint("add `defineBackend({ storage })` with the resources of your backend"),
            );
        }
        if let Some(backend) = &mut backend {
            let mut left_out = std::mem::take(&mut self.left_out);
            left_out.sort_by_key(|item| (item.span.file, item.span.start));
            left_out.dedup_by_key(|item| item.span);
            backend.left_out = left_out;
        }
        backend
    }

    /// Whether a top-level statement of backend.ts is part of what ampx-rs evaluates:
    /// imports and types never reach here; `const`s the definition read, literal
    /// `const`s, `export default backend` and declarations that only bind names are.
    fn is_definition(
        &self,
        file: FileId,
        module: &Module,
        statement: &Statement,
        holder: &[String],
    ) -> bool {
        match statement {
            Statement::Const(names, _) => names.iter().all(|name| {
                let expr = &module.consts[name];
                let exports_backend = matches!(expr, Expr::Ident(n, _) if holder.contains(n));
                exports_backend
                    || self.consts.contains_key(&(file, name.clone()))
                    || left_out::is_literal(expr)
            }),
            Statement::Other { declares, .. } => *declares,
            Statement::Expr(..) => false,
        }
    }

    /// Records a statement ampx-rs does not run, named in the definition's own words.
    fn leave_out_code(&mut self, kind: LeftOutKind, span: Span, deployed: &[String]) {
        let code = self.code(span);
        self.left_out.push(LeftOut {
            kind,
            what: left_out::summarize(&code),
            span,
            touches_access: left_out::touches_access(&code, deployed),
        });
    }

    /// The source text of a span.
    fn code(&self, span: Span) -> String {
        let text = &self.sources.get(span.file).text;
        text.get(span.start as usize..span.end as usize)
            .unwrap_or_default()
            .to_string()
    }

    /// Records one left-out item.
    pub(super) fn leave_out(
        &mut self,
        kind: LeftOutKind,
        what: impl Into<String>,
        span: Span,
        touches_access: bool,
    ) {
        self.left_out.push(LeftOut {
            kind,
            what: what.into(),
            span,
            touches_access,
        });
    }

    fn collect<T>(&mut self, f: impl FnOnce(&mut Self) -> Eval<T>) -> Option<T> {
        match f(self) {
            Ok(v) => Some(v),
            Err(d) => {
                self.errors.push(d);
                None
            }
        }
    }

    fn define_backend_call<'e>(&mut self, file: FileId, expr: &'e Expr) -> Option<&'e Expr> {
        let Expr::Call(callee, _, _) = expr else {
            return None;
        };
        let scope = Scope {
            file,
            locals: Rc::new(Vec::new()),
        };
        match self.eval(callee, &scope) {
            Ok(Value::Builtin(Builtin::Backend)) => Some(expr),
            _ => None,
        }
    }

    fn backend(&mut self, file: FileId, call: &Expr) -> Eval<Backend> {
        let Expr::Call(_, args, span) = call else {
            return Err(unsupported("this call", call.span()));
        };
        let scope = Scope {
            file,
            locals: Rc::new(Vec::new()),
        };
        let props = self.object_arg(args, *span, &scope, "defineBackend")?;
        let mut backend = Backend {
            storages: Vec::new(),
            auth: None,
            span: *span,
            left_out: Vec::new(),
        };
        let mut seen_storage = HashSet::new();
        let mut unreadable_entry = false;
        for (key, key_span, value, value_span) in props {
            let value = match value {
                Ok(v) => v,
                Err(d) => {
                    self.errors.push(d);
                    unreadable_entry = true;
                    continue;
                }
            };
            match value {
                Value::Storage(i) => {
                    self.storage_keys.push(key.clone());
                    if seen_storage.insert(i) {
                        backend.storages.push(self.storages[i].clone());
                    }
                }
                Value::Auth(i) => {
                    if backend.auth.is_some() {
                        self.errors.push(Diagnostic::new(
                            "InvalidBackendError",
                            "`defineBackend` may hold only one `defineAuth` resource",
                            key_span,
                        ));
                    } else {
                        backend.auth = Some(self.auths[i].clone());
                    }
                }
                Value::External { module, name } => {
                    let kind = match name.as_str() {
                        "defineData" => LeftOutKind::Data,
                        "defineFunction" => LeftOutKind::Function,
                        _ => LeftOutKind::Resource,
                    };
                    let what = if module == AMPLIFY_PACKAGE {
                        format!("{key}: {name}(...)")
                    } else {
                        format!("{key}: {name} from '{module}'")
                    };
                    self.leave_out(kind, what, key_span, false);
                }
                Value::Opaque { what, .. } => {
                    self.leave_out(LeftOutKind::Resource, format!("{key}: {what}"), key_span, false)
                }
                other => self.errors.push(
                    Diagnostic::new(
                        "UnsupportedResourceError",
                        format!(
                            "`{key}` is {}, not a resource such as `defineStorage(...)` or `defineAuth(...)`",
                            other.describe()
                        ),
                        value_span,
                    )
                    .hint("pass resources to `defineBackend`: the results of `defineStorage`, `defineAuth`, `defineData`, `defineFunction`"),
                ),
            }
        }
        if unreadable_entry && backend.auth.is_none() {
            // The entry that could not be read may be the auth; its error is reported,
            // and storage rules are not reported again as rules without an auth.
            backend.auth = Some(Auth {
                email: true,
                span: *span,
                ..Auth::default()
            });
        }
        Ok(backend)
    }

    /// The properties of a call's one object argument. Properties of an object
    /// literal are evaluated one by one, so one bad value does not hide the others.
    fn object_arg(
        &mut self,
        args: &[Elem],
        call_span: Span,
        scope: &Scope,
        callee: &str,
    ) -> Eval<Vec<Property>> {
        let [Elem::Value(arg)] = args else {
            return Err(Diagnostic::new(
                "InvalidValueError",
                format!("`{callee}` takes one object literal"),
                call_span,
            ));
        };
        let Expr::Object(props, _) = arg else {
            return match self.eval(arg, scope)? {
                Value::Object(props) => Ok(props
                    .into_iter()
                    .map(|(k, ks, v, vs)| (k, ks, Ok(v), vs))
                    .collect()),
                other => Err(wrong_type(
                    &format!("an object for `{callee}`"),
                    &other,
                    arg.span(),
                )),
            };
        };
        self.literal_props(props, scope)
    }

    /// The properties of an object literal, each value evaluated on its own (a spread
    /// or an unsupported property fails the whole literal). Later keys replace earlier.
    fn literal_props(&mut self, props: &[Prop], scope: &Scope) -> Eval<Vec<Property>> {
        let mut out: Vec<Property> = Vec::new();
        for prop in props {
            match prop {
                Prop::KeyValue {
                    key,
                    key_span,
                    value,
                } => {
                    let v = self.eval(value, scope);
                    out.retain(|(k, ..)| k != key);
                    // `{ key: undefined }` reads as a missing key to Amplify.
                    if !matches!(v, Ok(Value::Undefined)) {
                        out.push((key.clone(), *key_span, v, value.span()));
                    }
                }
                Prop::Computed { key, value } => {
                    let name = match self.eval(key, scope)? {
                        Value::Str(name) => name,
                        Value::Num(n) => number_text(n),
                        other => {
                            return Err(wrong_type(
                                "a string as a computed property key",
                                &other,
                                key.span(),
                            ));
                        }
                    };
                    let v = self.eval(value, scope);
                    out.retain(|(k, ..)| *k != name);
                    if !matches!(v, Ok(Value::Undefined)) {
                        out.push((name, key.span(), v, value.span()));
                    }
                }
                Prop::Spread(inner, span) => match self.eval(inner, scope)? {
                    Value::Object(spread) => {
                        for (k, ks, v, vs) in spread {
                            out.retain(|(existing, ..)| *existing != k);
                            out.push((k, ks, Ok(v), vs));
                        }
                    }
                    Value::Undefined => {}
                    other => return Err(wrong_type("an object to spread", &other, *span)),
                },
                Prop::Unsupported(what, span) => return Err(unsupported(what, *span)),
            }
        }
        Ok(out)
    }

    pub(super) fn eval(&mut self, expr: &Expr, scope: &Scope) -> Eval<Value> {
        if self.depth >= MAX_DEPTH {
            return Err(Diagnostic::new(
                "UnsupportedExpressionError",
                "the definition nests too deeply (is there a reference cycle?)",
                expr.span(),
            ));
        }
        self.depth += 1;
        let value = self.eval_inner(expr, scope);
        self.depth -= 1;
        value
    }

    fn eval_inner(&mut self, expr: &Expr, scope: &Scope) -> Eval<Value> {
        match expr {
            Expr::Str(s, _) => Ok(Value::Str(s.clone())),
            Expr::Num(n, _) => Ok(Value::Num(*n)),
            Expr::Bool(b, _) => Ok(Value::Bool(*b)),
            Expr::Undefined(_) => Ok(Value::Undefined),
            Expr::Template(parts, exprs, _) => self.template(parts, exprs, scope),
            Expr::Ident(name, span) => self.lookup(name, *span, scope),
            Expr::Member(object, property, span) => {
                let object = self.eval(object, scope)?;
                self.member(object, property, *span)
            }
            Expr::Index(object, index, span) => {
                let object = self.eval(object, scope)?;
                match (object, self.eval(index, scope)?) {
                    (Value::Array(items), Value::Num(n)) if n >= 0.0 && n.fract() == 0.0 => {
                        Ok(items
                            .get(n as usize)
                            .map_or(Value::Undefined, |(v, _)| v.clone()))
                    }
                    (object @ Value::Object(_), Value::Str(key)) => {
                        self.member(object, &key, *span)
                    }
                    (object, Value::Num(n)) if matches!(object, Value::Object(_)) => {
                        self.member(object, &number_text(n), *span)
                    }
                    (opaque @ (Value::Opaque { .. } | Value::External { .. }), _) => Ok(opaque),
                    (object, key) => Err(unsupported(
                        format!("reading [{}] of {}", key.describe(), object.describe()),
                        *span,
                    )),
                }
            }
            Expr::Plus(left, right, span) => {
                let (l, r) = (self.eval(left, scope)?, self.eval(right, scope)?);
                match (l, r) {
                    (Value::Num(a), Value::Num(b)) => Ok(Value::Num(a + b)),
                    (opaque @ (Value::Opaque { .. } | Value::External { .. }), _)
                    | (_, opaque @ (Value::Opaque { .. } | Value::External { .. })) => Ok(opaque),
                    (l, r) => match (text_of(&l), text_of(&r)) {
                        (Some(a), Some(b)) => Ok(Value::Str(a + &b)),
                        _ => Err(unsupported(
                            format!("adding {} and {}", l.describe(), r.describe()),
                            *span,
                        )),
                    },
                }
            }
            Expr::Call(callee, args, span) => {
                if let Some(done) = self.calls.get(span) {
                    return Ok(done.clone());
                }
                let callee_value = self.eval(callee, scope)?;
                let value = self.call(callee_value, args, *span, scope)?;
                if matches!(value, Value::Storage(_) | Value::Auth(_)) {
                    self.calls.insert(*span, value.clone());
                }
                Ok(value)
            }
            Expr::Array(elems, _) => Ok(Value::Array(self.elements(elems, scope)?)),
            Expr::Object(props, _) => {
                let props = self.literal_props(props, scope)?;
                let props = props
                    .into_iter()
                    .map(|(k, ks, v, vs)| v.map(|v| (k, ks, v, vs)))
                    .collect::<Eval<Vec<_>>>()?;
                Ok(Value::Object(props))
            }
            Expr::Arrow(arrow) => Ok(Value::Arrow(Rc::new((**arrow).clone()), scope.clone())),
            Expr::Unsupported(what, span) => Ok(Value::Opaque {
                what: what.clone(),
                span: *span,
            }),
        }
    }

    /// A template literal with substitutions: strings and numbers are joined as
    /// JavaScript joins them; a value computed at run time stays one.
    fn template(&mut self, parts: &[String], exprs: &[Expr], scope: &Scope) -> Eval<Value> {
        let mut text = parts.first().cloned().unwrap_or_default();
        for (expr, part) in exprs.iter().zip(parts.iter().skip(1)) {
            match self.eval(expr, scope)? {
                Value::Str(s) => text.push_str(&s),
                Value::Num(n) => text.push_str(&number_text(n)),
                Value::Bool(b) => text.push_str(if b { "true" } else { "false" }),
                opaque @ (Value::Opaque { .. } | Value::External { .. }) => return Ok(opaque),
                other => {
                    return Err(wrong_type(
                        "a string in a template literal",
                        &other,
                        expr.span(),
                    ));
                }
            }
            text.push_str(part);
        }
        Ok(Value::Str(text))
    }

    fn elements(&mut self, elems: &[Elem], scope: &Scope) -> Eval<Vec<(Value, Span)>> {
        let mut out = Vec::new();
        for elem in elems {
            match elem {
                Elem::Value(e) => out.push((self.eval(e, scope)?, e.span())),
                Elem::Spread(e, span) => match self.eval(e, scope)? {
                    Value::Array(items) => out.extend(items),
                    other => return Err(wrong_type("an array to spread", &other, *span)),
                },
            }
        }
        Ok(out)
    }

    fn lookup(&mut self, name: &str, span: Span, scope: &Scope) -> Eval<Value> {
        if let Some((_, v)) = scope.locals.iter().rev().find(|(n, _)| n == name) {
            return Ok(v.clone());
        }
        self.resolve_top_level(scope.file, name, span)
    }

    /// A top-level binding of `file`: a `const` or an import.
    fn resolve_top_level(&mut self, file: FileId, name: &str, span: Span) -> Eval<Value> {
        let key = (file, name.to_string());
        if let Some(v) = self.consts.get(&key) {
            return Ok(v.clone());
        }
        if let Some(expr) = self.modules[file].consts.get(name).cloned() {
            if !self.visiting.insert(key.clone()) {
                return Err(Diagnostic::new(
                    "UnsupportedExpressionError",
                    format!("`{name}` refers to itself"),
                    span,
                ));
            }
            let scope = Scope {
                file,
                locals: Rc::new(Vec::new()),
            };
            let value = self.eval(&expr, &scope);
            self.visiting.remove(&key);
            let value = value?;
            self.consts.insert(key, value.clone());
            return Ok(value);
        }
        if let Some(import) = self.modules[file].imports.get(name).cloned() {
            let Some(imported) = import.imported else {
                if !import.source.starts_with('.') {
                    return Ok(Value::External {
                        module: import.source,
                        name: name.to_string(),
                    });
                }
                return Ok(Value::Opaque {
                    what: "a default or namespace import of a definition file".into(),
                    span: import.span,
                });
            };
            return self.resolve_import(file, &import.source, import.source_span, &imported);
        }
        if NODE_GLOBALS.contains(&name) {
            return Ok(Value::Opaque {
                what: format!("`{name}` (a Node.js global)"),
                span,
            });
        }
        Err(Diagnostic::new(
            "UnresolvedNameError",
            format!("`{name}` is not defined in this file"),
            span,
        )
        .hint("define it with `const` or import it from a relative path"))
    }

    fn resolve_import(
        &mut self,
        from: FileId,
        source: &str,
        source_span: Span,
        name: &str,
    ) -> Eval<Value> {
        if !source.starts_with('.') {
            if [AMPLIFY_PACKAGE, STORAGE_PACKAGE, AUTH_PACKAGE].contains(&source) {
                let builtin = match (source, name) {
                    (AMPLIFY_PACKAGE, "defineBackend") => Some(Builtin::Backend),
                    (AMPLIFY_PACKAGE | STORAGE_PACKAGE, "defineStorage") => Some(Builtin::Storage),
                    (AMPLIFY_PACKAGE | AUTH_PACKAGE, "defineAuth") => Some(Builtin::Auth),
                    (AMPLIFY_PACKAGE | AUTH_PACKAGE, "referenceAuth") => {
                        Some(Builtin::ReferenceAuth)
                    }
                    _ => None,
                };
                if let Some(b) = builtin {
                    return Ok(Value::Builtin(b));
                }
            }
            return Ok(Value::External {
                module: source.to_string(),
                name: name.to_string(),
            });
        }
        let target = self.import_target(from, source, source_span)?;
        if self.modules[target].has_syntax_errors {
            // The syntax error is reported; what depends on the file is not.
            return Err(Diagnostic::silent(source_span));
        }
        match self.modules[target].exports.get(name).cloned() {
            Some(Export::Local(local)) => self.resolve_top_level(target, &local, source_span),
            Some(Export::From {
                source,
                source_span,
                name,
            }) => self.resolve_import(target, &source, source_span, &name),
            None => Err(Diagnostic::new(
                "UnresolvedImportError",
                format!("'{source}' has no export named `{name}`"),
                source_span,
            )),
        }
    }

    /// Finds and loads the file a relative import names, as TypeScript would.
    fn import_target(&mut self, from: FileId, source: &str, span: Span) -> Eval<FileId> {
        let dir = self
            .sources
            .get(from)
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let from_js = self
            .sources
            .get(from)
            .path
            .extension()
            .is_some_and(is_javascript);
        let base = normalize(&dir.join(source));
        if let Some(candidate) = module_file(&base, from_js) {
            let text = crate::source::read_text(&candidate).map_err(|e| {
                Diagnostic::new(
                    "UnresolvedImportError",
                    format!("cannot read '{}': {e}", candidate.display()),
                    span,
                )
            })?;
            return Ok(self.load(&candidate, text));
        }
        Err(Diagnostic::new(
            "UnresolvedImportError",
            format!("cannot find module '{source}'"),
            span,
        )
        .hint(format!(
            "looked for {0}.ts, {0}/index.ts and the other TypeScript file names",
            pathdiff(&base, &self.cwd)
        )))
    }

    fn member(&mut self, object: Value, property: &str, span: Span) -> Eval<Value> {
        match (&object, property) {
            (Value::Allow, "guest") => Ok(Value::Principals(vec![Principal::Guest], span)),
            (Value::Allow, "authenticated") => Ok(Value::Principals(vec![Principal::Authenticated], span)),
            (Value::Allow, "groups") => Ok(Value::AllowMethod(AllowMethod::Groups)),
            (Value::Allow, "entity") => Ok(Value::AllowMethod(AllowMethod::Entity)),
            (Value::Allow, "resource") => Ok(Value::AllowMethod(AllowMethod::Resource)),
            (Value::ResourcePrincipal(rspan), "to") => Ok(Value::ResourceTo(*rspan)),
            (Value::Allow, other) => Err(Diagnostic::new(
                "UnsupportedAccessRuleError",
                format!("`allow.{other}` is not an access rule"),
                span,
            )
            .hint("supported rules: allow.guest, allow.authenticated, allow.groups([...]), allow.entity('identity')")),
            (Value::Principals(p, pspan), "to") => Ok(Value::To(p.clone(), *pspan)),
            (Value::Str(text), "length") => Ok(Value::Num(text.chars().count() as f64)),
            (Value::Str(text), method) if STRING_METHODS.contains(&method) => {
                Ok(Value::StringMethod(text.clone(), method.to_string()))
            }
            (Value::Object(props), key) => Ok(props
                .iter()
                .find(|(k, ..)| k == key)
                .map_or(Value::Undefined, |(_, _, v, _)| v.clone())),
            (Value::External { .. } | Value::Opaque { .. }, _) => Ok(object),
            _ => Err(unsupported(
                format!("reading `.{property}` of {}", object.describe()),
                span,
            )),
        }
    }

    fn call(&mut self, callee: Value, args: &[Elem], span: Span, scope: &Scope) -> Eval<Value> {
        match callee {
            Value::StringMethod(text, method) => {
                let args: Vec<Arg> = self
                    .elements(args, scope)?
                    .into_iter()
                    .map(|(v, _)| string_arg(v))
                    .collect();
                string_method(&text, &method, &args)
                    .map(Value::Str)
                    .ok_or_else(|| {
                        unsupported(format!("`.{method}(...)` with these arguments"), span)
                    })
            }
            Value::Builtin(Builtin::Storage) => {
                let props = self.object_arg(args, span, scope, "defineStorage")?;
                let storage = self.storage(props, span)?;
                self.storages.push(storage);
                Ok(Value::Storage(self.storages.len() - 1))
            }
            Value::Builtin(builtin @ (Builtin::Auth | Builtin::ReferenceAuth)) => {
                let callee = match builtin {
                    Builtin::Auth => "defineAuth",
                    _ => "referenceAuth",
                };
                // An auth that cannot be read is one error, not one per storage rule.
                let auth = match self.object_arg(args, span, scope, callee) {
                    Ok(props) if builtin == Builtin::Auth => self.auth(props, span),
                    Ok(props) => self.reference_auth(props, span),
                    Err(d) => {
                        self.errors.push(d);
                        Auth {
                            email: true,
                            span,
                            ..Auth::default()
                        }
                    }
                };
                self.auths.push(auth);
                Ok(Value::Auth(self.auths.len() - 1))
            }
            Value::Builtin(Builtin::Backend) => Err(Diagnostic::new(
                "UnsupportedExpressionError",
                "`defineBackend` may only be called at the top level of amplify/backend.ts",
                span,
            )),
            Value::AllowMethod(method) => self.allow_method(method, args, span, scope),
            Value::To(principals, principal_span) => {
                let items = self.single_array_arg(args, span, scope, ".to")?;
                Ok(self.rules(principals, principal_span, items, span))
            }
            Value::ResourceTo(rule_span) => Ok(self.resource_rules(rule_span, span)),
            // Calls into other packages run only in left-out code; their arguments are
            // never evaluated.
            external @ (Value::External { .. } | Value::Opaque { .. }) => Ok(external),
            Value::Arrow(arrow, captured) => {
                let args = self
                    .elements(args, scope)?
                    .into_iter()
                    .map(|(v, _)| v)
                    .collect();
                self.apply(&arrow, &captured, args)
            }
            Value::Placeholder(Placeholder::Fixed(text)) => Ok(Value::Str(text.to_string())),
            Value::Placeholder(Placeholder::Link) => match self.elements(args, scope)?.first() {
                Some((Value::Str(text), _)) => Ok(Value::Str(format!("{{##{text}##}}"))),
                _ => Ok(Value::Str("{##Verify Email##}".into())),
            },
            other => Err(unsupported(format!("calling {}", other.describe()), span)),
        }
    }

    pub(super) fn single_array_arg(
        &mut self,
        args: &[Elem],
        span: Span,
        scope: &Scope,
        callee: &str,
    ) -> Eval<Vec<(Value, Span)>> {
        match args {
            [Elem::Value(arg)] => match self.eval(arg, scope)? {
                Value::Array(items) => Ok(items),
                other => Err(wrong_type(
                    &format!("an array for `{callee}`"),
                    &other,
                    arg.span(),
                )),
            },
            _ => Err(Diagnostic::new(
                "InvalidValueError",
                format!("`{callee}` takes one array"),
                span,
            )),
        }
    }

    /// Calls an arrow function of the definition with `args` (missing ones are
    /// `undefined`): binds its parameters, evaluates its `const`s, then its result.
    pub(super) fn apply(&mut self, arrow: &Arrow, scope: &Scope, args: Vec<Value>) -> Eval<Value> {
        let mut locals: Vec<(String, Value)> = scope.locals.as_ref().clone();
        let mut args = args.into_iter();
        for (param, _) in &arrow.params {
            locals.push((param.clone(), args.next().unwrap_or(Value::Undefined)));
        }
        for (name, expr) in &arrow.locals {
            let inner = Scope {
                file: scope.file,
                locals: Rc::new(locals.clone()),
            };
            let value = self.eval(expr, &inner)?;
            locals.push((name.clone(), value));
        }
        let inner = Scope {
            file: scope.file,
            locals: Rc::new(locals),
        };
        self.eval(&arrow.body, &inner)
    }

    /// Records one left-out item per key of an object (`triggers: { onUpload, ... }`),
    /// or one for the whole property when it is not an object literal.
    pub(super) fn leave_out_each(
        &mut self,
        kind: LeftOutKind,
        property: &str,
        value: Eval<Value>,
        key_span: Span,
        touches_access: bool,
    ) {
        match value {
            Ok(Value::Object(entries)) if !entries.is_empty() => {
                for (key, span, ..) in entries {
                    self.leave_out(kind, format!("{property}.{key}"), span, touches_access);
                }
            }
            _ => self.leave_out(kind, property, key_span, touches_access),
        }
    }
}

fn external(module: &str, name: &str, span: Span) -> Diagnostic {
    let hint = if module == AMPLIFY_PACKAGE {
        format!("`{name}` is not supported: {SUPPORTED}")
    } else {
        format!(
            "values from packages other than {AMPLIFY_PACKAGE} need Node to evaluate; {SUPPORTED}"
        )
    };
    Diagnostic::new(
        "UnsupportedExpressionError",
        format!("`{name}` from '{module}' cannot be evaluated without running Node"),
        span,
    )
    .hint(hint)
}

/// A string, number or boolean as JavaScript's `+` turns it into text.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::Str(s) => Some(s.clone()),
        Value::Num(n) => Some(number_text(*n)),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A value as a string method reads its argument.
fn string_arg(value: Value) -> Arg {
    match value {
        Value::Num(n) => Arg::Num(n),
        Value::Undefined => Arg::Undefined,
        other => text_of(&other).map_or(Arg::Other, Arg::Text),
    }
}
