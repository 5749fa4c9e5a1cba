use std::process::ExitCode;

fn main() -> ExitCode {
    match ampx_rs::cli::run() {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            let rendered = ampx_rs::error::render(&error);
            ampx_rs::cli::paint::eprint(&ampx_rs::shown::terminal_safe(&rendered));
            ExitCode::from(ampx_rs::error::exit_code(&error))
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
