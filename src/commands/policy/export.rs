use crate::app::Factory;
use crate::error::{Error, Result};
use crate::output::OutputFormat;
use std::io::Write;

/// Policies as files: a YAML stream (`---` between policies) or a JSON array, exactly
/// what `policy apply` reads, so export then apply changes nothing.
pub fn run(app: &Factory, name: Option<&str>) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let policies: Vec<mdm_model::policy::Policy> = match name {
        Some(n) => vec![api.get_policy(n)?.policy],
        None => api.list_policies()?.into_iter().map(|r| r.policy).collect(),
    };
    let format = app
        .global
        .output
        .or(ctx.config.default_output)
        .unwrap_or(OutputFormat::Yaml);
    // To a terminal, unsafe characters in server text are escaped (the same value for
    // a parser); to a file or pipe the export is exact.
    let tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let text = match format {
        OutputFormat::Json => {
            let mut s = serde_json::to_string_pretty(&policies).expect("serializes");
            if tty {
                s = mdm_model::escape::json_text(&s).into_owned();
            }
            s.push('\n');
            s
        }
        OutputFormat::Yaml | OutputFormat::Table => {
            let mut s = String::new();
            for p in &policies {
                s.push_str("---\n");
                if tty {
                    s.push_str(
                        &mdm_model::escape::yaml_text(p)
                            .map_err(|e| Error::failure("cannot format YAML").with_source(&e))?,
                    );
                } else {
                    s.push_str(&crate::output::yaml(p)?);
                }
            }
            s
        }
        other => {
            return Err(Error::usage(
                format!("policy export writes yaml or json, not {other:?}").to_lowercase(),
            ));
        }
    };
    if policies.is_empty() {
        app.ui.info("no policies to export");
    }
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| Error::io("cannot write to stdout", e))
}
