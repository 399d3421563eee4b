use crate::app::Factory;
use crate::error::Result;
use mdm_model::types::DevicePin;

/// What the command needs from its flags, parsed (see `cli/`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub id: String,
    /// `--otp`, `MDM_OTP` or a prompt, for the step-up the server asks for.
    pub otp: crate::guard::OtpSource,
}

/// The unlock PINs the backend set on the action's devices, shown once: the gateway
/// forgets each PIN once it has answered it, so this prints them where the admin can
/// read them (a table on a terminal, or the machine format asked for).
pub fn run(app: &Factory, args: &Settings) -> Result<()> {
    let ctx = app.ctx()?;
    let api = app.api(&ctx)?;
    let out = app.output(Some(&ctx));
    let got = crate::guard::with_step_up(
        app,
        &ctx,
        api.as_ref(),
        &args.otp,
        "showing the unlock PINs",
        None,
        |e| api.reveal_pins(&args.id, e),
    )?;
    if out.is_machine() {
        return out.value(&got);
    }
    let mut list = out.list::<DevicePin>(out.columns::<DevicePin>(None)?)?;
    for p in &got.pins {
        list.push(p)?;
    }
    let shown = list.finish()?;
    if shown > 0 {
        app.ui.info(&format!(
            "the gateway no longer holds {}; note {} now",
            if shown == 1 { "this PIN" } else { "these PINs" },
            if shown == 1 { "it" } else { "them" }
        ));
    }
    if got.already_revealed > 0 {
        app.ui.info(&format!(
            "{} PIN(s) of {} were shown before; the vendor's console still has them",
            got.already_revealed, got.action
        ));
    } else if shown == 0 {
        app.ui.info(&format!(
            "{} set no unlock PIN (only a Mac locked or erased through Jamf Pro, or locked through Fleet, gets one)",
            got.action
        ));
    }
    Ok(())
}
