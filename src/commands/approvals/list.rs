use crate::api::Action;
use crate::app::Factory;
use crate::error::Result;

pub fn run(app: &Factory, all: bool) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let items = api.list_approvals(all)?;
    let out = app.output(Some(&ctx));
    let cols = &[
        "id",
        "action",
        "status",
        "requested_by",
        "target",
        "total",
        "vendor_approvals",
        "reason",
        "created_at",
    ];
    let mut list = out.list::<Action>(cols.to_vec())?;
    for a in &items {
        list.push(a)?;
    }
    if list.finish()? == 0 && !out.is_machine() {
        app.ui.info(if all {
            "no actions have needed approval"
        } else {
            "nothing waits for approval (mdm's or the vendor's)"
        });
    }
    Ok(())
}
