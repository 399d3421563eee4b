//! Table/CSV rows of enrollment tokens and catalog apps.

use super::Record;
use crate::timeutil::relative;
use mdm_model::types::{App, Enrollment, NewEnrollment};

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

impl Record for Enrollment {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "user_email",
        "platform",
        "group",
        "status",
        "uses",
        "uses_allowed",
        "created_by",
        "created_at",
        "expires_at",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = &[
        "id",
        "user_email",
        "platform",
        "group",
        "status",
        "uses",
        "expires_at",
    ];

    fn cell(&self, column: &str, human: bool) -> String {
        match column {
            "id" => self.id.clone(),
            "user_email" => self.user_email.clone(),
            "platform" => self.platform.map(|p| p.to_string()).unwrap_or_default(),
            "group" => opt(&self.group),
            "status" => self.status.to_string(),
            "uses" if human => format!("{}/{}", self.uses, self.uses_allowed),
            "uses" => self.uses.to_string(),
            "uses_allowed" => self.uses_allowed.to_string(),
            "created_by" => self.created_by.clone(),
            "created_at" if human => relative(&self.created_at),
            "created_at" => self.created_at.clone(),
            "expires_at" if human => relative(&self.expires_at),
            "expires_at" => self.expires_at.clone(),
            _ => String::new(),
        }
    }
}

impl Record for NewEnrollment {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "user_email",
        "platform",
        "group",
        "uses_allowed",
        "expires_at",
        "token",
        "url",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = Self::COLUMNS;

    fn cell(&self, column: &str, human: bool) -> String {
        match column {
            "token" => self.token.clone(),
            "url" => self.url.clone(),
            "expires_at" => self.enrollment.expires_at.clone(),
            other => self.enrollment.cell(other, human),
        }
    }
}

impl Record for App {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "version",
        "bundle_id",
        "platform",
        "sha256",
        "source",
        "size",
        "added_by",
        "added_at",
    ];
    const DEFAULT_COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "version",
        "bundle_id",
        "platform",
        "sha256",
        "added_at",
    ];

    fn cell(&self, column: &str, human: bool) -> String {
        match column {
            "id" => self.id.clone(),
            "name" => self.name.clone(),
            "version" => self.version.clone(),
            "bundle_id" => self.bundle_id.clone(),
            "platform" => self.platform.to_string(),
            "sha256" if human => format!("{}…", super::short_hash(&self.sha256)),
            "sha256" => self.sha256.clone(),
            "source" => opt(&self.source),
            "size" => self.size.map(|s| s.to_string()).unwrap_or_default(),
            "added_by" => self.added_by.clone(),
            "added_at" if human => relative(&self.added_at),
            "added_at" => self.added_at.clone(),
            _ => String::new(),
        }
    }
}
