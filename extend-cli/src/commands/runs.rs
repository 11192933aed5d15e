//! `extend runs get | list | watch | cancel | delete`.
//!
//! The run type comes from the id's prefix (`exr_`, `clr_`, `splr_`, `pr_`,
//! `edr_`, `workflow_run_`) or from `--type`.

use clap::{Args, Subcommand};
use extend_core::{ParseRunListQuery, ProcessorRunListQuery, RunStatus, WorkflowRunListQuery};

use super::list::{print_all, print_page, PageArgs};
use super::wait::{print_waited, wait_for};
use super::Context;
use crate::error::{exit_code, CliError};
use crate::run_type::RunType;
use crate::session::Session;

/// The `runs` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum RunsCommand {
    /// Print a run.
    Get(RunIdArgs),
    /// List runs of one type.
    List(RunListArgs),
    /// Wait for a run to end, showing its status; exits with the run's code.
    Watch(RunIdArgs),
    /// Request cancellation of a run; it may still finish.
    Cancel(RunIdArgs),
    /// Delete a run and its data.
    Delete(RunIdArgs),
}

/// A run id and, for ids without a known prefix, its type.
#[derive(Debug, Args)]
pub(crate) struct RunIdArgs {
    /// The run id, such as exr_... or workflow_run_...
    pub(crate) id: String,

    /// The run type, when the id's prefix does not name it.
    #[arg(long = "type", value_enum)]
    pub(crate) run_type: Option<RunType>,
}

/// Arguments of `runs list`.
#[derive(Debug, Args)]
pub(crate) struct RunListArgs {
    /// The run type to list.
    #[arg(long = "type", value_enum)]
    pub(crate) run_type: RunType,

    /// Only runs with this status, such as PROCESSED or FAILED.
    #[arg(long)]
    pub(crate) status: Option<String>,

    #[command(flatten)]
    pub(crate) page: PageArgs,
}

/// Runs a `runs` subcommand.
pub(crate) async fn runs(context: &Context<'_>, command: &RunsCommand) -> Result<u8, CliError> {
    match command {
        RunsCommand::Get(args) => get(context, args).await,
        RunsCommand::List(args) => list(context, args).await,
        RunsCommand::Watch(args) => watch(context, args).await,
        RunsCommand::Cancel(args) => cancel(context, args).await,
        RunsCommand::Delete(args) => delete(context, args).await,
    }
}

/// Binds `$handle` to the client handle of `$run_type` and evaluates `$body`
/// with it, for routes that every run type has.
macro_rules! with_handle {
    ($run_type:expr, $client:expr, |$handle:ident| $body:expr) => {
        match $run_type {
            RunType::Extract => {
                let $handle = $client.extract_runs();
                $body
            }
            RunType::Classify => {
                let $handle = $client.classify_runs();
                $body
            }
            RunType::Split => {
                let $handle = $client.split_runs();
                $body
            }
            RunType::Parse => {
                let $handle = $client.parse_runs();
                $body
            }
            RunType::Edit => {
                let $handle = $client.edit_runs();
                $body
            }
            RunType::Workflow => {
                let $handle = $client.workflow_runs();
                $body
            }
        }
    };
}

async fn get(context: &Context<'_>, args: &RunIdArgs) -> Result<u8, CliError> {
    let run_type = RunType::resolve(&args.id, args.run_type)?;
    let session = Session::connect(context.global).await?;
    let client = &session.client;

    with_handle!(run_type, client, |handle| {
        let run = handle.retrieve(&args.id).await?;
        context.output.object(&session.sent_json(&run)?)?;
    });
    Ok(exit_code::SUCCESS)
}

async fn watch(context: &Context<'_>, args: &RunIdArgs) -> Result<u8, CliError> {
    let run_type = RunType::resolve(&args.id, args.run_type)?;
    let session = Session::connect(context.global).await?;
    let client = &session.client;
    let mut progress = context.progress();

    with_handle!(run_type, client, |handle| {
        let waited = wait_for(&handle, &args.id, context.global.max_wait, &mut progress).await?;
        print_waited(&context.output, &session, waited)
    })
}

async fn cancel(context: &Context<'_>, args: &RunIdArgs) -> Result<u8, CliError> {
    let run_type = RunType::resolve(&args.id, args.run_type)?;
    if run_type == RunType::Edit {
        return Err(no_route(run_type, "cancel"));
    }
    let session = Session::connect(context.global).await?;
    let client = &session.client;

    let cancelled = match run_type {
        RunType::Extract => session.sent_json(&client.extract_runs().cancel(&args.id).await?)?,
        RunType::Classify => session.sent_json(&client.classify_runs().cancel(&args.id).await?)?,
        RunType::Split => session.sent_json(&client.split_runs().cancel(&args.id).await?)?,
        RunType::Parse => session.sent_json(&client.parse_runs().cancel(&args.id).await?)?,
        RunType::Workflow => session.sent_json(&client.workflow_runs().cancel(&args.id).await?)?,
        RunType::Edit => return Err(no_route(run_type, "cancel")),
    };
    context.output.object(&cancelled)?;
    Ok(exit_code::SUCCESS)
}

async fn delete(context: &Context<'_>, args: &RunIdArgs) -> Result<u8, CliError> {
    let run_type = RunType::resolve(&args.id, args.run_type)?;
    let session = Session::connect(context.global).await?;
    let client = &session.client;

    let deleted = with_handle!(run_type, client, |handle| handle.delete(&args.id).await?);
    context.output.object(&session.sent_json(&deleted)?)?;
    Ok(exit_code::SUCCESS)
}

/// Lists one page, or every page with `--all`, through a handle's `list` and
/// `list_all`.
macro_rules! list_with {
    ($context:expr, $session:expr, $page:expr, $handle:expr, $query:expr) => {{
        let handle = $handle;
        if $page.all {
            print_all(&$context.output, &$session, handle.list_all($query)).await
        } else {
            print_page(&$context.output, &$session, &handle.list($query).await?)
        }
    }};
}

async fn list(context: &Context<'_>, args: &RunListArgs) -> Result<u8, CliError> {
    if args.run_type == RunType::Edit {
        return Err(no_route(RunType::Edit, "list"));
    }
    let session = Session::connect(context.global).await?;
    let client = &session.client;
    let status = args.status.as_deref().map(RunStatus::from);
    let page = &args.page;

    match args.run_type {
        RunType::Extract | RunType::Classify | RunType::Split => {
            let query = ProcessorRunListQuery {
                status,
                max_page_size: page.max_page_size,
                next_page_token: page.page_token.clone(),
                ..ProcessorRunListQuery::default()
            };
            match args.run_type {
                RunType::Extract => {
                    list_with!(context, session, page, client.extract_runs(), &query)
                }
                RunType::Classify => {
                    list_with!(context, session, page, client.classify_runs(), &query)
                }
                _ => list_with!(context, session, page, client.split_runs(), &query),
            }
        }
        RunType::Parse => {
            let query = ParseRunListQuery {
                status,
                max_page_size: page.max_page_size,
                next_page_token: page.page_token.clone(),
                ..ParseRunListQuery::default()
            };
            list_with!(context, session, page, client.parse_runs(), &query)
        }
        RunType::Workflow => {
            let query = WorkflowRunListQuery {
                status,
                max_page_size: page.max_page_size,
                next_page_token: page.page_token.clone(),
                ..WorkflowRunListQuery::default()
            };
            list_with!(context, session, page, client.workflow_runs(), &query)
        }
        RunType::Edit => Err(no_route(RunType::Edit, "list")),
    }
}

fn no_route(run_type: RunType, action: &str) -> CliError {
    CliError::Input(format!(
        "{} runs have no {action} route in the Extend API",
        run_type.object().trim_end_matches("_run")
    ))
}
