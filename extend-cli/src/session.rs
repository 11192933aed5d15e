//! The connection a command works with: the real API or a local emulator.

use std::sync::Arc;

use extend_core::Client;
use extend_emulator::{Emulator, RunningEmulator};
use extend_http::{HttpTransport, Region};
use serde::Serialize;
use serde_json::Value;

use crate::cli::{GlobalArgs, RegionArg};
use crate::error::CliError;
use crate::response_log::{Mark, RecordingTransport, ResponseLog};
use crate::sent;

/// API key sent to the in-process emulator, which accepts any non-empty key.
const EMULATOR_API_KEY: &str = "sk_emulator";

/// A typed client, the raw bodies of its responses, and the emulator it
/// talks to when `--emulator` is set.
pub(crate) struct Session {
    /// The typed client.
    pub(crate) client: Client<RecordingTransport>,
    responses: Arc<ResponseLog>,
    /// Kept alive for the length of the command; dropping it stops the server.
    _emulator: Option<RunningEmulator>,
}

impl Session {
    /// Connects to the API named by the global flags.
    pub(crate) async fn connect(global: &GlobalArgs) -> Result<Session, CliError> {
        let mut builder = HttpTransport::builder();
        let mut emulator = None;

        if global.emulator {
            let running = Emulator::builder()
                .start()
                .await
                .map_err(|err| CliError::Emulator(err.to_string()))?;
            tracing::info!(base_url = %running.base_url(), "local emulator started");
            builder = builder
                .base_url(running.base_url())
                .api_key(EMULATOR_API_KEY);
            emulator = Some(running);
        } else {
            let api_key = global
                .api_key
                .as_ref()
                .map(|key| key.expose().trim())
                .filter(|key| !key.is_empty());
            let Some(api_key) = api_key else {
                return Err(CliError::Config(
                    "no API key: set the EXTEND_API_KEY environment variable (or pass --api-key), \
                     or add --emulator to use a local emulator"
                        .to_owned(),
                ));
            };
            builder = builder.api_key(api_key);
            if let Some(region) = global.region {
                builder = builder.region(region_of(region));
            }
            if let Some(base_url) = &global.base_url {
                builder = builder.base_url(base_url.as_str());
            }
        }
        if let Some(version) = &global.api_version {
            builder = builder.api_version(version.as_str());
        }
        if let Some(workspace_id) = &global.workspace_id {
            builder = builder.workspace_id(workspace_id.as_str());
        }

        let transport = builder
            .build()
            .map_err(|err| CliError::Config(err.to_string()))?;
        let responses = Arc::new(ResponseLog::default());
        Ok(Session {
            client: Client::new(RecordingTransport::new(transport, Arc::clone(&responses))),
            responses,
            _emulator: emulator,
        })
    }

    /// Returns the JSON the server sent for `typed`, the value of the newest
    /// response (see [`sent::object`]).
    pub(crate) fn sent_json<T: Serialize>(&self, typed: &T) -> Result<Value, CliError> {
        sent::object(&self.responses, typed)
    }

    /// Returns a mark of the newest response, to collect list pages after it.
    pub(crate) fn mark(&self) -> Mark {
        self.responses.mark()
    }

    /// Returns the list items the server sent after `mark` (see
    /// [`sent::items`]).
    pub(crate) fn sent_items<T: Serialize>(
        &self,
        mark: Mark,
        typed: &[T],
    ) -> Result<Vec<Value>, CliError> {
        sent::items(&self.responses, mark, typed)
    }
}

fn region_of(region: RegionArg) -> Region {
    match region {
        RegionArg::Us => Region::Us,
        RegionArg::Us2 => Region::Us2,
        RegionArg::Eu => Region::Eu,
    }
}
