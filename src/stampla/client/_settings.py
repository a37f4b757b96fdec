"""A terminal's configuration, from ``STAMPLA_CLIENT_*`` environment variables.

The agent runs as a service, where the environment is the natural place for a URL and
credentials (and the only sane one for a password: a command line is visible to every user of
the machine). The commands ``punch``, ``push``, ``outbox`` and ``agent`` all read this class;
their flags override a few fields for one run. ``docs/client.md`` lists every field.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from ._client import DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, Client
from ._retry import Retry
from .outbox import Outbox

_CREDENTIALS = ("company_api_key", "connect_api_key", "user_name", "password")


class ClientSettings(BaseSettings):
    """Where to send punches, as whom, and where to keep them meanwhile."""

    model_config = SettingsConfigDict(env_prefix="STAMPLA_CLIENT_", extra="ignore")

    base_url: str = Field(
        "http://127.0.0.1:8000",
        description="The API's address: a Stampla server, or https://apiexternal.softone.se.",
    )
    company_api_key: str | None = Field(None, description="companyApiKey: which company.")
    connect_api_key: str | None = Field(None, description="connectApiKey: which integration.")
    user_name: str | None = Field(None, description="The API user's UserName for /Login/Token.")
    password: SecretStr | None = Field(None, description="The API user's Password.")
    outbox: Path = Field(
        Path("stampla-outbox.db"),
        description="The SQLite file holding punches until the server has them.",
    )
    terminal: int | None = Field(
        None,
        description="This terminal's TimeTerminalId: the default of `punch --terminal` and of "
        "push files without a terminal column.",
    )
    batch_size: int = Field(
        DEFAULT_BATCH_SIZE, ge=1, le=MAX_BATCH_SIZE, description="Entries per request."
    )
    timeout_seconds: float = Field(60.0, gt=0, description="How long one request may take.")
    attempts: int = Field(
        6, ge=1, description="Tries per request before a send is given up for now."
    )
    poll_seconds: float = Field(
        1.0, gt=0, description="How often an idle agent looks for new punches."
    )
    keep_delivered_days: int = Field(
        30, ge=0, description="How long the outbox remembers delivered punches."
    )

    def missing(self) -> list[str]:
        """The environment variables a send still needs."""
        unset = [name for name in _CREDENTIALS if not getattr(self, name)]
        return [f"STAMPLA_CLIENT_{name.upper()}" for name in unset]

    def client(self, **options: object) -> Client:
        """A Client for this configuration; ``options`` go to the Client (e.g. ``sleep``)."""
        if missing := self.missing():
            raise ValueError(f"set {', '.join(missing)} to send punches")
        assert self.password is not None
        settings: dict[str, object] = {
            "batch_size": self.batch_size,
            "timeout": self.timeout_seconds,
            "retry": Retry(attempts=self.attempts),
            **options,
        }
        return Client(
            self.base_url,
            str(self.company_api_key),
            str(self.connect_api_key),
            str(self.user_name),
            self.password.get_secret_value(),
            **settings,  # type: ignore[arg-type]
        )

    def open_outbox(self) -> Outbox:
        return Outbox(self.outbox)
