use crate::api::PolicyRecord;
use crate::app::Factory;
use crate::error::Result;
use crate::output::Record;

impl Record for PolicyRecord {
    const COLUMNS: &'static [&'static str] = &[
        "name",
        "version",
        "assignments",
        "description",
        "updated_by",
        "updated_at",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = Self::COLUMNS;

    fn cell(&self, column: &str, human: bool) -> String {
        match column {
            "name" => self.name.clone(),
            "version" => self.version.to_string(),
            "assignments" => self
                .policy
                .assignments
                .iter()
                .map(|g| g.0.clone())
                .collect::<Vec<_>>()
                .join(if human { ", " } else { ";" }),
            "description" => self.policy.description.clone().unwrap_or_default(),
            "updated_by" => self.updated_by.clone(),
            "updated_at" if human => crate::timeutil::relative(&self.updated_at),
            "updated_at" => self.updated_at.clone(),
            _ => String::new(),
        }
    }
}

pub fn list(app: &Factory) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let out = app.output(Some(&ctx));
    let mut list = out.list::<PolicyRecord>(out.columns::<PolicyRecord>(None)?)?;
    for p in api.list_policies()? {
        list.push(&p)?;
    }
    if list.finish()? == 0 && !out.is_machine() {
        app.ui
            .info("no policies yet; write one and `mdm policy apply -f FILE`");
    }
    Ok(())
}

pub fn show(app: &Factory, name: &str) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let rec = api.get_policy(name)?;
    let out = app.output(Some(&ctx));
    if out.is_machine() {
        return out.value(&rec);
    }
    app.ui.info(&format!(
        "policy {} version {} (updated by {})",
        rec.name, rec.version, rec.updated_by
    ));
    crate::output::Output::new(crate::output::OutputFormat::Yaml, false).value(&rec.policy)
}
