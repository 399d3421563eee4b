//! Following an action's progress (bars on a terminal, lines otherwise) and its final
//! verdict: shared by `actions watch` and every guarded action that waits.

use crate::api::{Action, ActionDevice, Api};
use crate::app::{Ctx, Factory};
use crate::error::{Error, ExitKind, Result};
use mdm_model::domain::{ActionStatus, CommandStatus};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Ctrl-C while following detaches (the action keeps running on the server).
fn install_interrupt_handler() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    });
}

fn progress_message(a: &Action) -> String {
    let c = &a.counts;
    let mut parts = Vec::new();
    if !a.waves.is_empty() {
        let current = a
            .waves
            .iter()
            .rev()
            .find(|w| w.status != "held")
            .map(|w| w.index)
            .unwrap_or(1);
        parts.push(format!("wave {current}/{}", a.waves.len()));
    }
    parts.push(format!("{} acknowledged", c.acknowledged));
    parts.push(format!("{} failed", c.failed));
    if c.cancelled > 0 {
        parts.push(format!("{} cancelled", c.cancelled));
    }
    if c.unanswered() > 0 {
        parts.push(format!(
            "{} not yet acknowledged ({})",
            c.unanswered(),
            unanswered_parts(c)
        ));
    }
    parts.join(" · ")
}

/// What the devices that have not answered are waiting for.
fn unanswered_parts(c: &crate::api::ActionCounts) -> String {
    let mut parts = Vec::new();
    if c.queued > 0 {
        parts.push(format!("{} queued", c.queued));
    }
    if c.sent > 0 {
        parts.push(format!("{} sent", c.sent));
    }
    if c.pending > 0 {
        parts.push(format!(
            "{} offline: they get it when they check in",
            c.pending
        ));
    }
    if c.held > 0 {
        parts.push(format!("{} held for later waves", c.held));
    }
    if c.vendor_approval > 0 {
        parts.push(format!(
            "{} waiting for the vendor's approval",
            c.vendor_approval
        ));
    }
    parts.join(", ")
}

/// Polls an action (at most once a second) until it is done, or — with
/// `stop_at_pending` — until only offline devices remain. A progress bar shows on a
/// terminal; Ctrl-C detaches with exit 130 and says how to come back.
pub fn follow(
    app: &Factory,
    api: &dyn Api,
    id: &str,
    timeout: Option<Duration>,
    stop_at_pending: bool,
) -> Result<Action> {
    install_interrupt_handler();
    let started = Instant::now();
    let bar = if app.ui.stderr_tty && app.ui.quiet == 0 {
        let pb = indicatif::ProgressBar::with_draw_target(
            Some(0),
            indicatif::ProgressDrawTarget::stderr(),
        );
        pb.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        pb.enable_steady_tick(Duration::from_millis(120));
        Some(pb)
    } else {
        None
    };
    let result = loop {
        let a = match api.get_action(id) {
            Ok(a) => a,
            Err(e) => break Err(e),
        };
        if let Some(pb) = &bar {
            pb.set_length(a.total);
            pb.set_position(a.counts.done());
            pb.set_message(progress_message(&a));
        }
        let only_pending = a.counts.queued == 0 && a.counts.sent == 0 && a.counts.held == 0;
        // A request the vendor holds for its own approval waits for a person, like an
        // offline device waits for its owner: not finished, and not followed further.
        let finished = a.is_finished()
            || (only_pending
                && a.counts.pending == 0
                && a.counts.vendor_approval == 0
                && a.status != ActionStatus::PendingApproval);
        if finished
            || (stop_at_pending && only_pending && a.status != ActionStatus::PendingApproval)
        {
            break Ok(a);
        }
        if timeout.is_some_and(|t| started.elapsed() >= t) {
            if let Some(pb) = &bar {
                pb.finish_and_clear();
            }
            return Err(Error::new(
                ExitKind::Running,
                format!(
                    "{id}: still running after the wait timeout · {}",
                    progress_message(&a)
                ),
            )
            .with_hint(format!("follow it with `mdm actions watch {id}`")));
        }
        // Sleep a second in small steps so Ctrl-C is noticed at once.
        let tick = Instant::now();
        while tick.elapsed() < Duration::from_secs(1) {
            if INTERRUPTED.load(Ordering::SeqCst) {
                if let Some(pb) = &bar {
                    pb.finish_and_clear();
                }
                return Err(Error::new(ExitKind::Interrupted, format!("detached from {id}: it keeps running on the server"))
                    .with_hint(format!("follow it again with `mdm actions watch {id}`, or stop it with `mdm actions cancel {id}`")));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    if let Some(pb) = &bar {
        pb.finish_and_clear();
    }
    result
}

/// Reports how an action ended: exit 7 with the failed devices listed, 8 while the
/// vendor's approval is awaited, 9 (a summary, not an error) while devices have not
/// answered yet, else success.
pub fn conclude(app: &Factory, ctx: &Ctx, api: &dyn Api, a: &Action) -> Result<()> {
    let out = app.output(Some(ctx));
    if out.is_machine() {
        out.value(a)?;
    }
    let c = &a.counts;
    if a.status == ActionStatus::Halted {
        return Err(Error::new(
            ExitKind::Partial,
            format!(
                "{}: rollout halted: {}",
                a.id,
                a.halt_reason
                    .as_deref()
                    .unwrap_or("failures above the limit")
            ),
        )
        .with_cause(progress_message(a))
        .with_hint(format!(
            "see the waves with `mdm actions show {}`; failed devices with --devices failed",
            a.id
        )));
    }
    if c.failed > 0 {
        let failed = api.action_devices(&a.id, Some(CommandStatus::Failed), 20, None)?;
        if app.ui.quiet == 0 {
            eprintln!(
                "{}",
                crate::output::table_string::<ActionDevice>(
                    &failed.items,
                    &["device_id", "serial", "name", "platform", "error"],
                    app.ui.color
                )
            );
        }
        let more = c.failed.saturating_sub(failed.items.len() as u64);
        let mut e = Error::new(
            ExitKind::Partial,
            format!("{}: {} of {} devices failed", a.id, c.failed, a.total),
        )
        .with_cause(progress_message(a));
        if more > 0 {
            e = e.with_hint(format!(
                "{more} more; list them all with `mdm actions show {} --devices failed`",
                a.id
            ));
        } else {
            e = e.with_hint(format!(
                "retry them, e.g. `mdm {} <ids>`, after checking the devices",
                a.action
            ));
        }
        return Err(e);
    }
    if c.vendor_approval > 0 {
        let codes: Vec<String> = a.vendor_approvals.iter().map(|v| v.code.clone()).collect();
        return Err(Error::new(
            ExitKind::Pending,
            format!(
                "{}: {} of {} devices wait for Intune Multi Admin Approval (approval code {})",
                a.id,
                c.vendor_approval,
                a.total,
                codes.join(", ")
            ),
        )
        .with_cause(progress_message(a))
        .with_hint(format!(
            "a second Intune admin approves or rejects it in Intune; the gateway then sends it \
             again with the code; follow it with `mdm actions watch {}`",
            a.id
        )));
    }
    if c.unanswered() > 0 {
        return Err(Error::new(
            ExitKind::Running,
            format!("{}: accepted · {}", a.id, progress_message(a)),
        )
        .with_hint(format!("follow it with `mdm actions watch {}`", a.id)));
    }
    app.ui
        .success(&format!("{} {}: {}", a.id, a.status, progress_message(a)));
    Ok(())
}
