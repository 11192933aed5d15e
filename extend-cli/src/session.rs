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
use crate::secret::Secret;
use crate::sent;

/// API key sent to the in-process emulator, which accepts any non-empty key.
const EMULATOR_API_KEY: &str = "sk_emulator";

/// The environment variable read when `--api-key` is not given.
const API_KEY_VARIABLE: &str = "EXTEND_API_KEY";

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
            let api_key = api_key(global.api_key.as_ref(), std::env::var(API_KEY_VARIABLE))?;
            builder = builder.api_key(api_key.trim());
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

/// Picks the API key of `--api-key`, else of the environment variable, and
/// names the source that is empty or missing in the error.
fn api_key(
    flag: Option<&Secret>,
    variable: Result<String, std::env::VarError>,
) -> Result<String, CliError> {
    if let Some(flag) = flag {
        if flag.expose().trim().is_empty() {
            return Err(CliError::Config(
                "--api-key: the value is empty; pass the API key, or leave the flag out \
                 to use the EXTEND_API_KEY environment variable"
                    .to_owned(),
            ));
        }
        return Ok(flag.expose().to_owned());
    }

    match variable {
        Ok(key) if !key.trim().is_empty() => Ok(key),
        Ok(_) => Err(CliError::Config(
            "EXTEND_API_KEY is set but empty; set it to the API key, or pass --api-key".to_owned(),
        )),
        Err(std::env::VarError::NotUnicode(_)) => Err(CliError::Config(
            "EXTEND_API_KEY is not valid UTF-8; set it to the API key, or pass --api-key"
                .to_owned(),
        )),
        Err(std::env::VarError::NotPresent) => Err(CliError::Config(
            "no API key: set the EXTEND_API_KEY environment variable (or pass --api-key), \
             or add --emulator to use a local emulator"
                .to_owned(),
        )),
    }
}

fn region_of(region: RegionArg) -> Region {
    match region {
        RegionArg::Us => Region::Us,
        RegionArg::Us2 => Region::Us2,
        RegionArg::Eu => Region::Eu,
    }
}

#[cfg(test)]
mod tests {
    use std::env::VarError;

    use super::*;

    fn secret(value: &str) -> Secret {
        value.parse().unwrap()
    }

    #[test]
    fn api_key_sources() {
        let flag = secret("sk_flag");
        assert_eq!(
            api_key(Some(&flag), Ok("sk_env".into())).unwrap(),
            "sk_flag"
        );
        assert_eq!(api_key(None, Ok("sk_env".into())).unwrap(), "sk_env");
    }

    #[test]
    fn api_key_empty_names_source() {
        let empty_flag = api_key(Some(&secret(" ")), Ok("sk_env".into()))
            .unwrap_err()
            .to_string();
        assert!(
            empty_flag.starts_with("--api-key: the value is empty"),
            "{empty_flag}"
        );

        let empty_variable = api_key(None, Ok(String::new())).unwrap_err().to_string();
        assert!(
            empty_variable.contains("EXTEND_API_KEY is set but empty"),
            "{empty_variable}"
        );

        let missing = api_key(None, Err(VarError::NotPresent))
            .unwrap_err()
            .to_string();
        assert!(missing.starts_with("no API key"), "{missing}");
    }
}
