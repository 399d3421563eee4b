use super::action::PhraseGateArgs;
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Write a commented starter set (one baseline per platform) into a directory
    Init(InitArgs),
    /// List the server's policies with their versions
    List,
    /// Show one policy
    Show(NameArg),
    /// Check policy files (a file or a directory): errors as file:line:col
    Validate(PathArg),
    /// Show what applying the files would change, field by field (marks WEAKENS)
    Diff(DiffArgs),
    /// Apply policy files; weakening changes need a step-up and a typed confirmation
    Apply(ApplyArgs),
    /// Assign a policy to a group, or remove it (removing weakens security)
    Assign(AssignArgs),
    /// Delete a policy (weakens security: step-up and typed confirmation)
    Delete(DeleteArgs),
    /// Print policies as files (-o yaml, the default, or -o json); export then apply changes nothing
    Export(ExportArgs),
    /// Print the JSON Schema of policy files
    Schema,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory to write into (created when missing)
    pub dir: std::path::PathBuf,

    /// Write into a directory that already has files (replacing same-named ones)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct NameArg {
    /// Policy name
    pub name: String,
}

#[derive(Debug, Args)]
pub struct PathArg {
    /// A policy file (.yaml, .yml, .json) or a directory of them
    pub path: std::path::PathBuf,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Policy file or directory
    #[arg(short = 'f', long = "file", value_name = "PATH")]
    pub file: std::path::PathBuf,

    /// Also plan deleting server policies that are not in the files
    #[arg(long)]
    pub prune: bool,

    /// Exit with code 10 when there are changes (0 when none)
    #[arg(long)]
    pub exit_code: bool,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Policy file or directory
    #[arg(short = 'f', long = "file", value_name = "PATH")]
    pub file: std::path::PathBuf,

    /// Also delete server policies that are not in the files
    #[arg(long)]
    pub prune: bool,

    /// Show the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub gate: PhraseGateArgs,
}

#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Policy name
    pub name: String,

    /// The group
    #[arg(long, value_name = "NAME")]
    pub group: String,

    /// Remove the assignment instead (weakens security)
    #[arg(long)]
    pub remove: bool,

    #[command(flatten)]
    pub gate: PhraseGateArgs,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Policy name
    pub name: String,

    #[command(flatten)]
    pub gate: PhraseGateArgs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only this policy (default: all)
    pub name: Option<String>,
}

impl AssignArgs {
    pub fn settings(&self) -> crate::commands::policy::assign::Settings {
        crate::commands::policy::assign::Settings {
            name: self.name.clone(),
            group: self.group.clone(),
            remove: self.remove,
            answers: self.gate.answers(),
        }
    }
}

impl DiffArgs {
    pub fn settings(&self) -> crate::commands::policy::diff::Settings {
        crate::commands::policy::diff::Settings {
            file: self.file.clone(),
            prune: self.prune,
            exit_code: self.exit_code,
        }
    }
}

impl DeleteArgs {
    pub fn settings(&self) -> crate::commands::policy::delete::Settings {
        crate::commands::policy::delete::Settings {
            name: self.name.clone(),
            answers: self.gate.answers(),
        }
    }
}

impl ApplyArgs {
    pub fn settings(&self) -> crate::commands::policy::apply::Settings {
        crate::commands::policy::apply::Settings {
            file: self.file.clone(),
            prune: self.prune,
            dry_run: self.dry_run,
            answers: self.gate.answers(),
        }
    }
}
