//! Table/CSV rows of actions and their devices.

use super::Record;
use crate::timeutil::relative;
use mdm_model::types::{Action, ActionDevice, DeviceSummary};

impl Record for Action {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "action",
        "status",
        "requested_by",
        "target",
        "total",
        "queued",
        "sent",
        "acknowledged",
        "failed",
        "pending",
        "cancelled",
        "held",
        "vendor_approval",
        "vendor_approvals",
        "waves",
        "halt_reason",
        "reason",
        "ticket",
        "approved_by",
        "created_at",
        "finished_at",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = &[
        "id",
        "action",
        "status",
        "requested_by",
        "target",
        "total",
        "acknowledged",
        "failed",
        "pending",
        "created_at",
    ];

    fn cell(&self, column: &str, human: bool) -> String {
        let time = |t: &str| if human { relative(t) } else { t.to_string() };
        let c = &self.counts;
        match column {
            "id" => self.id.clone(),
            "action" => self.action.clone(),
            "status" => self.status.to_string(),
            "requested_by" => self.requested_by.clone(),
            "target" => self.target.describe(),
            "total" => self.total.to_string(),
            "queued" => c.queued.to_string(),
            "sent" => c.sent.to_string(),
            "acknowledged" => c.acknowledged.to_string(),
            "failed" => c.failed.to_string(),
            "pending" => c.pending.to_string(),
            "cancelled" => c.cancelled.to_string(),
            "held" => c.held.to_string(),
            "vendor_approval" => c.vendor_approval.to_string(),
            "vendor_approvals" => vendor_approvals(self, human),
            "waves" => self
                .waves
                .iter()
                .map(|w| {
                    let mut notes = Vec::new();
                    if w.counts.failed > 0 {
                        notes.push(format!("{} failed", w.counts.failed));
                    }
                    if w.status == "passed" && w.counts.pending > 0 {
                        notes.push(format!("{} offline", w.counts.pending));
                    }
                    format!(
                        "{}:{}% {} {}/{}{}",
                        w.index,
                        w.percent,
                        w.status,
                        w.counts.acknowledged,
                        w.total,
                        if notes.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", notes.join(", "))
                        }
                    )
                })
                .collect::<Vec<_>>()
                .join(if human { " · " } else { ";" }),
            "halt_reason" => self.halt_reason.clone().unwrap_or_default(),
            "reason" => self.reason.clone().unwrap_or_default(),
            "ticket" => self.ticket.clone().unwrap_or_default(),
            "approved_by" => self.approval.approved_by.clone().unwrap_or_default(),
            "created_at" => time(&self.created_at),
            "finished_at" => self.finished_at.as_deref().map(time).unwrap_or_default(),
            _ => String::new(),
        }
    }
}

/// Requests the vendor holds for its own approval: who must approve, and the code to
/// find the request by in the vendor's console.
fn vendor_approvals(a: &Action, human: bool) -> String {
    a.vendor_approvals
        .iter()
        .map(|v| {
            let vendor = match v.vendor.as_str() {
                "intune" => "Intune Multi Admin Approval".to_string(),
                other => format!("{other} approval"),
            };
            let s = if v.devices == 1 { "" } else { "s" };
            if human {
                format!(
                    "waiting for {vendor}: code {} ({} device{s})",
                    v.code, v.devices
                )
            } else {
                format!("{}:{}:{}", v.vendor, v.code, v.devices)
            }
        })
        .collect::<Vec<_>>()
        .join(if human { " · " } else { ";" })
}

impl Record for ActionDevice {
    const COLUMNS: &'static [&'static str] = &[
        "device_id",
        "serial",
        "name",
        "platform",
        "status",
        "error",
        "updated_at",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = Self::COLUMNS;

    fn cell(&self, column: &str, human: bool) -> String {
        match column {
            "device_id" => self.device_id.clone(),
            "serial" => self.serial.clone(),
            "name" => self.name.clone(),
            "platform" => self.platform.to_string(),
            "status" => self.status.to_string(),
            "error" => self.error.clone().unwrap_or_default(),
            "updated_at" if human => relative(&self.updated_at),
            "updated_at" => self.updated_at.clone(),
            _ => String::new(),
        }
    }
}

impl Record for mdm_model::types::DevicePin {
    const COLUMNS: &'static [&'static str] = &["device_id", "serial", "name", "pin"];
    const DEFAULT_COLUMNS: &'static [&'static str] = Self::COLUMNS;

    fn cell(&self, column: &str, _human: bool) -> String {
        match column {
            "device_id" => self.device_id.clone(),
            "serial" => self.serial.clone(),
            "name" => self.name.clone(),
            "pin" => self.pin.clone(),
            _ => String::new(),
        }
    }
}

impl Record for DeviceSummary {
    const COLUMNS: &'static [&'static str] =
        &["id", "serial", "name", "platform", "status", "owner_name"];
    const DEFAULT_COLUMNS: &'static [&'static str] = Self::COLUMNS;

    fn cell(&self, column: &str, _human: bool) -> String {
        match column {
            "id" => self.id.clone(),
            "serial" => self.serial.clone(),
            "name" => self.name.clone(),
            "platform" => self.platform.to_string(),
            "status" => self.status.to_string(),
            "owner_name" => self.owner_name.clone(),
            _ => String::new(),
        }
    }
}
