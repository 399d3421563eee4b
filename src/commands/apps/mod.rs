//! `mdm apps …`: the trusted catalog. Only apps added here, with a pinned SHA-256, can
//! be pushed.

pub mod add;

use crate::app::Factory;
use crate::cli::apps::AppsCommand;
use crate::commands::read;
use crate::error::Result;
use crate::outcome::Outcome;

pub fn run(app: &Factory, cmd: AppsCommand) -> Result<Outcome> {
    match cmd {
        AppsCommand::List => {
            let ctx = app.ctx()?;
            let api = app.api(&ctx)?;
            let out = app.output(Some(&ctx));
            let mut list = out.list::<crate::api::App>(out.columns::<crate::api::App>(None)?)?;
            for a in api.list_apps()? {
                list.push(&a)?;
            }
            if list.finish()? == 0 && !out.is_machine() {
                app.ui
                    .info("the catalog is empty; add an app with `mdm apps add`");
            }
            Ok(Outcome::Unchanged)
        }
        AppsCommand::Show(a) => {
            let ctx = app.ctx()?;
            let api = app.api(&ctx)?;
            read(app.output(Some(&ctx)).item(&api.get_app(&a.app)?))
        }
        AppsCommand::Add(a) => add::run(app, &a.settings()),
    }
}

/// SHA-256 of a file, streamed (packages can be large).
pub fn sha256_file(path: &std::path::Path) -> Result<(String, u64)> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut f = std::fs::File::open(path).map_err(|e| {
        crate::error::Error::usage(format!("cannot read {}", path.display())).with_source(&e)
    })?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = f
            .read(&mut buf)
            .map_err(|e| crate::error::Error::io(format!("cannot read {}", path.display()), e))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        h.update(&buf[..n]);
    }
    Ok((hex::encode(h.finalize()), size))
}
