//! JavaScript's string behaviour the evaluator needs: how `+` and template literals
//! turn values into text, and the pure string methods a definition may call.

/// The pure string methods a definition may call (messages use them).
pub(super) const STRING_METHODS: &[&str] = &[
    "trim",
    "trimStart",
    "trimEnd",
    "toUpperCase",
    "toLowerCase",
    "concat",
    "replace",
    "replaceAll",
    "repeat",
    "padStart",
    "padEnd",
    "slice",
    "toString",
];

/// An argument of a string method, as much of it as the methods read.
pub(super) enum Arg {
    Text(String),
    Num(f64),
    Undefined,
    /// Anything else (an object, a function): no method here takes it.
    Other,
}

impl Arg {
    /// The argument as JavaScript's `+` turns it into text.
    fn text(&self) -> Option<String> {
        match self {
            Arg::Text(s) => Some(s.clone()),
            Arg::Num(n) => Some(number_text(*n)),
            _ => None,
        }
    }
}

/// `text.method(args)` as JavaScript computes it, for string arguments (and counts);
/// `None` for arguments it does not take.
pub(super) fn string_method(text: &str, method: &str, args: &[Arg]) -> Option<String> {
    let arg = |i: usize| args.get(i).and_then(Arg::text);
    let count = |i: usize| match args.get(i) {
        Some(Arg::Num(n)) if *n >= 0.0 => Some(*n as usize),
        _ => None,
    };
    let pad = |at_start: bool| {
        let width = count(0)?;
        let fill = arg(1).unwrap_or_else(|| " ".to_string());
        let len = text.chars().count();
        if width <= len || fill.is_empty() {
            return Some(text.to_string());
        }
        let padding: String = fill.chars().cycle().take(width - len).collect();
        Some(if at_start {
            padding + text
        } else {
            text.to_string() + &padding
        })
    };
    let out = match method {
        "trim" => text.trim().to_string(),
        "trimStart" => text.trim_start().to_string(),
        "trimEnd" => text.trim_end().to_string(),
        "toUpperCase" => text.to_uppercase(),
        "toLowerCase" => text.to_lowercase(),
        "toString" => text.to_string(),
        "concat" => args
            .iter()
            .map(Arg::text)
            .collect::<Option<Vec<_>>>()?
            .into_iter()
            .fold(text.to_string(), |a, b| a + &b),
        "replace" => text.replacen(&arg(0)?, &arg(1)?, 1),
        "replaceAll" => text.replace(&arg(0)?, &arg(1)?),
        "repeat" => text.repeat(count(0)?),
        "padStart" => pad(true)?,
        "padEnd" => pad(false)?,
        "slice" => {
            let chars: Vec<char> = text.chars().collect();
            let index = |i: usize, default: usize| match args.get(i) {
                None | Some(Arg::Undefined) => Some(default),
                Some(Arg::Num(n)) if *n < 0.0 => Some(chars.len().saturating_sub((-*n) as usize)),
                Some(Arg::Num(n)) => Some((*n as usize).min(chars.len())),
                _ => None,
            };
            let (from, to) = (index(0, 0)?, index(1, chars.len())?);
            chars[from.min(to)..to].iter().collect()
        }
        _ => return None,
    };
    Some(out)
}

/// A number as JavaScript writes it in a string (`1`, `0.5`).
pub(super) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
