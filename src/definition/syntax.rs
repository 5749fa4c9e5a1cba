//! Lowers an oxc AST into the small owned expression tree the evaluator reads.
//!
//! Only the constructs a backend definition may use get their own node; everything
//! else becomes [`Expr::Unsupported`] naming the construct, and is an error only if
//! the evaluator reaches it.

use std::collections::HashMap;

use oxc_allocator::Allocator;
use oxc_ast::ast::{self, Expression};
use oxc_parser::Parser;
use oxc_span::{GetSpan, SourceType};

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

#[derive(Debug, Clone)]
pub(super) enum Expr {
    Str(String, Span),
    Num(f64, Span),
    Bool(bool, Span),
    Undefined(Span),
    /// A template literal with substitutions: the text parts around each expression.
    Template(Vec<String>, Vec<Expr>, Span),
    Ident(String, Span),
    Member(Box<Expr>, String, Span),
    /// `object[key]`: a property by a computed name, or an array element by index.
    Index(Box<Expr>, Box<Expr>, Span),
    /// `a + b`: string concatenation (or a sum of numbers).
    Plus(Box<Expr>, Box<Expr>, Span),
    Call(Box<Expr>, Vec<Elem>, Span),
    Array(Vec<Elem>, Span),
    Object(Vec<Prop>, Span),
    Arrow(Box<Arrow>),
    Unsupported(String, Span),
}

impl Expr {
    pub(super) fn span(&self) -> Span {
        match self {
            Expr::Str(_, s)
            | Expr::Num(_, s)
            | Expr::Bool(_, s)
            | Expr::Undefined(s)
            | Expr::Template(_, _, s)
            | Expr::Ident(_, s)
            | Expr::Member(_, _, s)
            | Expr::Index(_, _, s)
            | Expr::Plus(_, _, s)
            | Expr::Call(_, _, s)
            | Expr::Array(_, s)
            | Expr::Object(_, s)
            | Expr::Unsupported(_, s) => *s,
            Expr::Arrow(a) => a.span,
        }
    }
}

/// An array element or call argument.
#[derive(Debug, Clone)]
pub(super) enum Elem {
    Value(Expr),
    Spread(Expr, Span),
}

#[derive(Debug, Clone)]
pub(super) enum Prop {
    KeyValue {
        key: String,
        key_span: Span,
        value: Expr,
    },
    /// `[expr]: value`: a key known once `expr` is evaluated (a `const`, a
    /// concatenation, a template literal).
    Computed {
        key: Expr,
        value: Expr,
    },
    Spread(Expr, Span),
    Unsupported(String, Span),
}

/// `(allow) => ({...})` or `allow => { const x = ...; return {...}; }`.
#[derive(Debug, Clone)]
pub(super) struct Arrow {
    pub params: Vec<(String, Span)>,
    pub locals: Vec<(String, Expr)>,
    pub body: Expr,
    pub span: Span,
}

/// What an `import` binds a local name to.
#[derive(Debug, Clone)]
pub(super) struct Import {
    pub source: String,
    pub source_span: Span,
    /// The exported name, or `None` for a default or namespace import.
    pub imported: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub(super) enum Export {
    Local(String),
    From {
        source: String,
        source_span: Span,
        name: String,
    },
}

/// A top-level statement other than an import or a type declaration.
#[derive(Debug, Clone)]
pub(super) enum Statement {
    Expr(Expr, Span),
    /// `const a = …, b = …` or `export default …` (bound as `default`): the names it binds.
    Const(Vec<String>, Span),
    /// A statement the evaluator does not run. `declares` when it only binds names (a
    /// function, a class, `let`), which stand for what they are if anything reads them.
    Other {
        span: Span,
        declares: bool,
    },
}

impl Statement {
    pub(super) fn span(&self) -> Span {
        match self {
            Statement::Expr(_, span)
            | Statement::Const(_, span)
            | Statement::Other { span, .. } => *span,
        }
    }
}

/// One file, lowered.
#[derive(Debug, Clone, Default)]
pub(super) struct Module {
    pub imports: HashMap<String, Import>,
    pub consts: HashMap<String, Expr>,
    pub exports: HashMap<String, Export>,
    /// Top-level statements, in order.
    pub statements: Vec<Statement>,
    /// Syntax errors.
    pub errors: Vec<Diagnostic>,
    pub has_syntax_errors: bool,
}

/// Brackets nested deeper than this are refused before parsing: the parser and the
/// evaluator recurse once per level, and real definitions stay far below it (a few
/// dozen), while thousands would overflow the stack and end the process.
pub(super) const MAX_NESTING: usize = 200;

/// The offset of the first bracket (`(`, `[`, `{`) nested deeper than [`MAX_NESTING`],
/// outside strings and comments.
pub(super) fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Definition files larger than this are refused: real ones are a few KiB to a few
/// hundred, and the parser's stack below grows with the file.
pub(super) const MAX_FILE_BYTES: usize = 1 << 20;

/// Stack the parser may need per byte of source, with room to spare: oxc recurses once
/// per level of nesting that needs no bracket (`!!!x`, `a ? b : c ? …`, `a => b => …`,
/// `A<B<…>>`), each level at least one byte and at most ~1 KiB of stack in a debug build
/// (measured: 2,344 levels of `a => ` in 8 MiB).
const STACK_PER_BYTE: usize = 1536;
/// The stack every parse gets besides that.
const BASE_STACK: usize = 1 << 20;

/// Parses one TypeScript file. Never panics and never overflows its stack, whatever the
/// text: the parse runs on a thread whose stack grows with the text, and the lowering
/// stops at [`MAX_NESTING`]. Syntax errors land in `Module::errors`.
pub(super) fn parse_module(file: FileId, text: &str) -> Module {
    if text.len() > MAX_FILE_BYTES {
        let diag = Diagnostic::new(
            "FileTooLargeError",
            format!(
                "this file is {} KiB; definition files over {} KiB are not read",
                text.len() >> 10,
                MAX_FILE_BYTES >> 10
            ),
            Span::new(file, 0, 0),
        )
        .hint("a backend definition is far smaller; is a generated or data file imported?");
        return refused(diag);
    }
    let stack = BASE_STACK + text.len() * STACK_PER_BYTE;
    std::thread::scope(|scope| {
        let parsing = std::thread::Builder::new()
            .name("parse".into())
            .stack_size(stack)
            .spawn_scoped(scope, || parse_on_this_thread(file, text));
        match parsing {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(e) => refused(Diagnostic::new(
                "SyntaxError",
                format!("cannot start the parser ({e})"),
                Span::new(file, 0, 0),
            )),
        }
    })
}

/// A module that holds only `diag`.
fn refused(diag: Diagnostic) -> Module {
    Module {
        errors: vec![diag],
        has_syntax_errors: true,
        ..Module::default()
    }
}

fn parse_on_this_thread(file: FileId, text: &str) -> Module {
    if let Some(at) = too_deep(text) {
        let span = Span::new(file, at as u32, at as u32 + 1);
        let diag = Diagnostic::new(
            "NestingTooDeepError",
            format!("brackets are nested more than {MAX_NESTING} levels deep here"),
            span,
        )
        .hint("a backend definition needs far less nesting; simplify this expression");
        return refused(diag);
    }
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, text, SourceType::ts()).parse();
    let mut lower = Lower {
        file,
        module: Module::default(),
        depth: std::cell::Cell::new(0),
    };
    if !parsed.diagnostics.is_empty() || parsed.panicked {
        for d in parsed.diagnostics.iter() {
            let span = d
                .labels
                .first()
                .map(|l| Span::new(file, l.offset(), l.offset() + l.len()))
                .unwrap_or_default();
            let span = Span { file, ..span };
            let mut diag = Diagnostic::new("SyntaxError", d.message.to_string(), span);
            if let Some(help) = &d.help {
                diag = diag.hint(help.to_string());
            }
            lower.module.errors.push(diag);
        }
        lower.module.has_syntax_errors = true;
        if lower.module.errors.is_empty() {
            let diag = Diagnostic::new(
                "SyntaxError",
                "the file could not be parsed",
                Span::new(file, 0, 0),
            );
            lower.module.errors.push(diag);
        }
        return lower.module;
    }
    for stmt in &parsed.program.body {
        lower.statement(stmt);
    }
    lower.module
}

struct Lower {
    file: FileId,
    module: Module,
    /// How deep [`Lower::expr`] is: a chain without brackets (`a.b.c…`) nests too.
    depth: std::cell::Cell<usize>,
}

fn describe_statement(stmt: &ast::Statement) -> &'static str {
    use ast::Statement as S;
    match stmt {
        S::FunctionDeclaration(_) => "a function declaration",
        S::ClassDeclaration(_) => "a class declaration",
        S::IfStatement(_) => "an if statement",
        S::ForStatement(_) | S::ForInStatement(_) | S::ForOfStatement(_) => "a for loop",
        S::WhileStatement(_) | S::DoWhileStatement(_) => "a while loop",
        S::TryStatement(_) => "a try statement",
        S::TSEnumDeclaration(_) => "an enum",
        S::ExportAllDeclaration(_) => "`export *`",
        S::ExportDefaultDeclaration(_) => "a default export",
        _ => "this statement",
    }
}

impl Lower {
    fn span(&self, s: oxc_span::Span) -> Span {
        Span::new(self.file, s.start, s.end)
    }

    /// Binds `name` to a value that says what it is if anything reads it.
    fn bind_unsupported(&mut self, name: &str, what: &str, span: Span) {
        let value = Expr::Unsupported(what.to_string(), span);
        self.module.consts.insert(name.to_string(), value);
    }

    fn other(&mut self, s: oxc_span::Span, declares: bool) {
        let span = self.span(s);
        self.module
            .statements
            .push(Statement::Other { span, declares });
    }

    fn statement(&mut self, stmt: &ast::Statement) {
        use ast::Statement as S;
        match stmt {
            S::ImportDeclaration(decl) => self.import(decl),
            S::VariableDeclaration(decl) => self.variables(decl, false, decl.span),
            S::ExportNamedDeclaration(decl) => {
                for spec in &decl.specifiers {
                    self.module.exports.insert(
                        spec.exported.name().to_string(),
                        Export::Local(spec.local.name().to_string()),
                    );
                }
            }
            S::ExportFromDeclaration(decl) => {
                let source_span = self.span(decl.source.span);
                for spec in &decl.specifiers {
                    self.module.exports.insert(
                        spec.exported.name().to_string(),
                        Export::From {
                            source: decl.source.value.to_string(),
                            source_span,
                            name: spec.local.name().to_string(),
                        },
                    );
                }
            }
            S::ExportDeclaration(decl) => match &decl.declaration {
                ast::Declaration::VariableDeclaration(v) => self.variables(v, true, decl.span),
                d if is_type_only(d) => {}
                ast::Declaration::FunctionDeclaration(f) => self.function(f, true),
                ast::Declaration::ClassDeclaration(c) => self.class(c, true),
                _ => self.other(decl.span, false),
            },
            S::ExportDefaultDeclaration(decl) => {
                let span = self.span(decl.span);
                let value = match decl.declaration.as_expression() {
                    Some(e) => self.expr(e),
                    None => Expr::Unsupported("a default export of a declaration".into(), span),
                };
                self.module.consts.insert("default".into(), value);
                self.module
                    .exports
                    .insert("default".into(), Export::Local("default".into()));
                self.module
                    .statements
                    .push(Statement::Const(vec!["default".into()], span));
            }
            S::FunctionDeclaration(f) => self.function(f, false),
            S::ClassDeclaration(c) => self.class(c, false),
            S::ExpressionStatement(e) => {
                let expr = self.expr(&e.expression);
                self.module
                    .statements
                    .push(Statement::Expr(expr, self.span(e.span)));
            }
            S::EmptyStatement(_) => {}
            S::TSTypeAliasDeclaration(_)
            | S::TSInterfaceDeclaration(_)
            | S::TSExternalModuleDeclaration(_)
            | S::TSNamespaceDeclaration(_)
            | S::TSGlobalDeclaration(_) => {}
            other => self.other(other.span(), false),
        }
    }

    fn function(&mut self, f: &ast::Function, exported: bool) {
        if let Some(id) = &f.id {
            self.declared(
                &id.name,
                "a function declaration (use an arrow function)",
                exported,
                f.span,
            );
        }
    }

    fn class(&mut self, c: &ast::Class, exported: bool) {
        if let Some(id) = &c.id {
            self.declared(&id.name, "a class", exported, c.span);
        }
    }

    /// A name bound by a declaration the evaluator does not run.
    fn declared(&mut self, name: &str, what: &str, exported: bool, s: oxc_span::Span) {
        let span = self.span(s);
        self.bind_unsupported(name, what, span);
        if exported {
            self.module
                .exports
                .insert(name.to_string(), Export::Local(name.to_string()));
        }
        self.module.statements.push(Statement::Other {
            span,
            declares: true,
        });
    }

    fn import(&mut self, decl: &ast::ImportDeclaration) {
        if decl.import_kind.is_type() {
            return;
        }
        let source = decl.source.value.to_string();
        let source_span = self.span(decl.source.span);
        for spec in decl.specifiers.iter().flatten() {
            use ast::ImportDeclarationSpecifier as I;
            let (local, imported, span) = match spec {
                I::ImportSpecifier(s) => {
                    if s.import_kind.is_type() {
                        continue;
                    }
                    (
                        s.local.name.to_string(),
                        Some(s.imported.name().to_string()),
                        s.span,
                    )
                }
                I::ImportDefaultSpecifier(s) => (s.local.name.to_string(), None, s.span),
                I::ImportNamespaceSpecifier(s) => (s.local.name.to_string(), None, s.span),
            };
            let span = self.span(span);
            self.module.imports.insert(
                local,
                Import {
                    source: source.clone(),
                    source_span,
                    imported,
                    span,
                },
            );
        }
    }

    fn variables(&mut self, decl: &ast::VariableDeclaration, exported: bool, s: oxc_span::Span) {
        let statement_span = self.span(s);
        let mut names = Vec::new();
        for d in &decl.declarations {
            let what = if decl.kind != ast::VariableDeclarationKind::Const {
                Some("a `let` or `var` declaration (use `const`)")
            } else if !matches!(d.id, ast::BindingPattern::BindingIdentifier(_)) {
                Some("a destructuring declaration")
            } else {
                None
            };
            if let Some(what) = what {
                let span = self.span(d.span);
                for id in d.id.get_binding_identifiers() {
                    self.bind_unsupported(&id.name, what, span);
                    if exported {
                        let name = id.name.to_string();
                        self.module
                            .exports
                            .insert(name.clone(), Export::Local(name));
                    }
                }
                self.module.statements.push(Statement::Other {
                    span: statement_span,
                    declares: false,
                });
                continue;
            }
            let ast::BindingPattern::BindingIdentifier(id) = &d.id else {
                continue;
            };
            let name = id.name.to_string();
            let value = match &d.init {
                Some(init) => self.expr(init),
                None => Expr::Unsupported("a `const` without a value".into(), self.span(d.span)),
            };
            if exported {
                self.module
                    .exports
                    .insert(name.clone(), Export::Local(name.clone()));
            }
            names.push(name.clone());
            self.module.consts.insert(name, value);
        }
        if !names.is_empty() {
            self.module
                .statements
                .push(Statement::Const(names, statement_span));
        }
    }

    /// Lowers one expression; one nested more than [`MAX_NESTING`] levels becomes
    /// unsupported (an error if the evaluator reaches it), so neither this recursion
    /// nor the evaluator's, nor dropping the tree, can overflow the stack.
    fn expr(&self, e: &Expression) -> Expr {
        let depth = self.depth.get();
        if depth >= MAX_NESTING {
            let what = format!("an expression nested more than {MAX_NESTING} levels deep");
            return Expr::Unsupported(what, self.span(e.span()));
        }
        self.depth.set(depth + 1);
        let lowered = self.expr_below(e);
        self.depth.set(depth);
        lowered
    }

    fn expr_below(&self, e: &Expression) -> Expr {
        let span = self.span(e.span());
        match e {
            Expression::StringLiteral(s) => Expr::Str(s.value.to_string(), span),
            Expression::NumericLiteral(n) => Expr::Num(n.value, span),
            Expression::BooleanLiteral(b) => Expr::Bool(b.value, span),
            Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
                let text = t
                    .quasis
                    .iter()
                    .map(|q| q.value.cooked.unwrap_or(q.value.raw).to_string())
                    .collect::<String>();
                Expr::Str(text, span)
            }
            Expression::TemplateLiteral(t) => {
                let parts = t
                    .quasis
                    .iter()
                    .map(|q| q.value.cooked.unwrap_or(q.value.raw).to_string())
                    .collect();
                let exprs = t.expressions.iter().map(|x| self.expr(x)).collect();
                Expr::Template(parts, exprs, span)
            }
            Expression::Identifier(id) if id.name == "undefined" => Expr::Undefined(span),
            Expression::Identifier(id) => Expr::Ident(id.name.to_string(), span),
            Expression::StaticMemberExpression(m) if !m.optional => Expr::Member(
                Box::new(self.expr(&m.object)),
                m.property.name.to_string(),
                span,
            ),
            Expression::ComputedMemberExpression(m) if !m.optional => Expr::Index(
                Box::new(self.expr(&m.object)),
                Box::new(self.expr(&m.expression)),
                span,
            ),
            Expression::BinaryExpression(b) if b.operator == ast::BinaryOperator::Addition => {
                Expr::Plus(
                    Box::new(self.expr(&b.left)),
                    Box::new(self.expr(&b.right)),
                    span,
                )
            }
            Expression::CallExpression(c) if !c.optional => {
                let args = c.arguments.iter().map(|a| self.argument(a)).collect();
                Expr::Call(Box::new(self.expr(&c.callee)), args, span)
            }
            Expression::ArrayExpression(a) => {
                let elems =
                    a.elements
                        .iter()
                        .map(|el| match el {
                            ast::ArrayExpressionElement::SpreadElement(s) => {
                                Elem::Spread(self.expr(&s.argument), self.span(s.span))
                            }
                            ast::ArrayExpressionElement::Elision(e) => Elem::Value(
                                Expr::Unsupported("an array hole".into(), self.span(e.span)),
                            ),
                            other => match other.as_expression() {
                                Some(x) => Elem::Value(self.expr(x)),
                                None => Elem::Value(Expr::Unsupported("this element".into(), span)),
                            },
                        })
                        .collect();
                Expr::Array(elems, span)
            }
            Expression::ObjectExpression(o) => Expr::Object(
                o.properties.iter().map(|p| self.property(p)).collect(),
                span,
            ),
            Expression::ArrowFunctionExpression(a) => self.arrow(a, span),
            Expression::ParenthesizedExpression(p) => self.expr(&p.expression),
            Expression::TSAsExpression(x) => self.expr(&x.expression),
            Expression::TSSatisfiesExpression(x) => self.expr(&x.expression),
            Expression::TSNonNullExpression(x) => self.expr(&x.expression),
            Expression::TSTypeAssertion(x) => self.expr(&x.expression),
            other => Expr::Unsupported(describe_expression(other).into(), span),
        }
    }

    fn argument(&self, a: &ast::Argument) -> Elem {
        match a {
            ast::Argument::SpreadElement(s) => {
                Elem::Spread(self.expr(&s.argument), self.span(s.span))
            }
            other => match other.as_expression() {
                Some(x) => Elem::Value(self.expr(x)),
                None => Elem::Value(Expr::Unsupported(
                    "this argument".into(),
                    self.span(a.span()),
                )),
            },
        }
    }

    fn property(&self, p: &ast::ObjectPropertyKind) -> Prop {
        match p {
            ast::ObjectPropertyKind::SpreadProperty(s) => {
                Prop::Spread(self.expr(&s.argument), self.span(s.span))
            }
            ast::ObjectPropertyKind::ObjectProperty(p) => {
                let span = self.span(p.span);
                if p.kind != ast::PropertyKind::Init || p.method {
                    return Prop::Unsupported("a method or accessor".into(), span);
                }
                let key = match &p.key {
                    ast::PropertyKey::StaticIdentifier(id) => id.name.to_string(),
                    ast::PropertyKey::StringLiteral(s) => s.value.to_string(),
                    ast::PropertyKey::NumericLiteral(n) => n.value.to_string(),
                    ast::PropertyKey::TemplateLiteral(t) if t.expressions.is_empty() => t
                        .quasis
                        .iter()
                        .map(|q| q.value.cooked.unwrap_or(q.value.raw).to_string())
                        .collect(),
                    computed => match computed.as_expression() {
                        Some(expr) if p.computed => {
                            return Prop::Computed {
                                key: self.expr(expr),
                                value: self.expr(&p.value),
                            };
                        }
                        _ => return Prop::Unsupported("a computed property key".into(), span),
                    },
                };
                Prop::KeyValue {
                    key,
                    key_span: self.span(p.key.span()),
                    value: self.expr(&p.value),
                }
            }
        }
    }

    fn arrow(&self, a: &ast::ArrowFunctionExpression, span: Span) -> Expr {
        if a.r#async {
            return Expr::Unsupported("an async function".into(), span);
        }
        let mut params = Vec::new();
        for p in &a.params.items {
            match &p.pattern {
                ast::BindingPattern::BindingIdentifier(id) => {
                    params.push((id.name.to_string(), self.span(id.span)))
                }
                _ => {
                    return Expr::Unsupported("a destructured parameter".into(), self.span(p.span));
                }
            }
        }
        if a.params.rest.is_some() {
            return Expr::Unsupported("a rest parameter".into(), span);
        }
        let mut locals = Vec::new();
        let statements = match &a.body {
            ast::ArrowFunctionBody::FunctionBody(b) => &b.statements,
            other => {
                let body = match other.as_expression() {
                    Some(x) => self.expr(x),
                    None => Expr::Unsupported("this function body".into(), span),
                };
                return Expr::Arrow(Box::new(Arrow {
                    params,
                    locals,
                    body,
                    span,
                }));
            }
        };
        let mut body = None;
        for stmt in statements {
            match stmt {
                ast::Statement::VariableDeclaration(v)
                    if v.kind == ast::VariableDeclarationKind::Const && body.is_none() =>
                {
                    for d in &v.declarations {
                        let ast::BindingPattern::BindingIdentifier(id) = &d.id else {
                            return Expr::Unsupported(
                                "a destructuring declaration".into(),
                                self.span(d.span),
                            );
                        };
                        let value = match &d.init {
                            Some(init) => self.expr(init),
                            None => Expr::Unsupported(
                                "a `const` without a value".into(),
                                self.span(d.span),
                            ),
                        };
                        locals.push((id.name.to_string(), value));
                    }
                }
                ast::Statement::ReturnStatement(r) if body.is_none() => {
                    body = Some(match &r.argument {
                        Some(x) => self.expr(x),
                        None => Expr::Unsupported(
                            "a `return` without a value".into(),
                            self.span(r.span),
                        ),
                    });
                }
                other => {
                    return Expr::Unsupported(
                        format!(
                            "{} in a function body (only `const` declarations and one `return` are evaluated)",
                            describe_statement(other)
                        ),
                        self.span(other.span()),
                    );
                }
            }
        }
        let body =
            body.unwrap_or_else(|| Expr::Unsupported("a function without `return`".into(), span));
        Expr::Arrow(Box::new(Arrow {
            params,
            locals,
            body,
            span,
        }))
    }
}

fn is_type_only(d: &ast::Declaration) -> bool {
    matches!(
        d,
        ast::Declaration::TSTypeAliasDeclaration(_)
            | ast::Declaration::TSInterfaceDeclaration(_)
            | ast::Declaration::TSExternalModuleDeclaration(_)
            | ast::Declaration::TSNamespaceDeclaration(_)
            | ast::Declaration::TSGlobalDeclaration(_)
    )
}

fn describe_expression(e: &Expression) -> &'static str {
    match e {
        Expression::NullLiteral(_) => "`null`",
        Expression::BigIntLiteral(_) => "a BigInt literal",
        Expression::RegExpLiteral(_) => "a regular expression",
        Expression::FunctionExpression(_) => "a function expression (use an arrow function)",
        Expression::BinaryExpression(_) => "a binary expression",
        Expression::LogicalExpression(_) => "a logical expression",
        Expression::ConditionalExpression(_) => "a conditional expression",
        Expression::UnaryExpression(_) => "a unary expression",
        Expression::NewExpression(_) => "a `new` expression",
        Expression::AwaitExpression(_) => "an `await` expression",
        Expression::ComputedMemberExpression(_) => "a computed member access",
        Expression::ChainExpression(_) => "an optional chain",
        Expression::TaggedTemplateExpression(_) => "a tagged template",
        Expression::AssignmentExpression(_) => "an assignment",
        Expression::SequenceExpression(_) => "a comma expression",
        Expression::ClassExpression(_) => "a class expression",
        Expression::ImportExpression(_) => "a dynamic import",
        Expression::ThisExpression(_) => "`this`",
        Expression::ImportMeta(_) => "`import.meta`",
        _ => "this expression",
    }
}
