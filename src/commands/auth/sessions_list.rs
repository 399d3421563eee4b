use crate::api::Session;
use crate::app::Factory;
use crate::error::Result;
use crate::output::Record;
use crate::timeutil::relative;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub user: Option<String>,
}

impl Record for Session {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "kind",
        "user",
        "label",
        "created_at",
        "expires_at",
        "last_used_at",
        "current",
        "token_id",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = &[
        "id",
        "kind",
        "user",
        "label",
        "created_at",
        "expires_at",
        "last_used_at",
        "current",
    ];

    fn cell(&self, column: &str, human: bool) -> String {
        let time = |t: &Option<String>, none: &str| match t {
            Some(t) if human => relative(t),
            Some(t) => t.clone(),
            None if human => none.to_string(),
            None => String::new(),
        };
        match column {
            "id" => self.id.clone(),
            "kind" => self.kind.clone(),
            "user" => self.user.clone(),
            "label" => self.label.clone(),
            "created_at" => time(&Some(self.created_at.clone()), ""),
            "expires_at" => time(&self.expires_at, "never"),
            "last_used_at" => time(&self.last_used_at, "-"),
            "current" if human => {
                if self.current {
                    "*".into()
                } else {
                    String::new()
                }
            }
            "current" => self.current.to_string(),
            "token_id" => self.token_id.clone().unwrap_or_default(),
            _ => String::new(),
        }
    }
}

pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let sessions = api.list_sessions(args.user.as_deref())?;
    let out = app.output(Some(&ctx));
    let mut list = out.list::<Session>(out.columns::<Session>(None)?)?;
    for s in &sessions {
        list.push(s)?;
    }
    list.finish()?;
    Ok(())
}
