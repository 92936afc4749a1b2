"""Settings: one object, read once at the interface edge and passed down as arguments.

Precedence: command-line flag > `YALU_*` environment variable > `yalu.toml` > default.
Every field is documented in `docs/reference/settings.md` (a test checks it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir, user_data_dir
from pydantic import Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from yalu.core.errors import ConfigError


def default_index_cache_dir() -> str:
    """Return the `indexes` folder in the user's cache directory."""
    return str(Path(user_cache_dir("yalu")) / "indexes")


def default_database_url() -> str:
    """Return the SQLite database in the user's data directory."""
    return f"sqlite:///{Path(user_data_dir('yalu')) / 'yalu.sqlite3'}"


class Settings(BaseSettings):
    """Effective yalu settings."""

    model_config = SettingsConfigDict(
        env_prefix="YALU_", toml_file="yalu.toml", extra="forbid", frozen=True
    )

    database_url: str = Field(
        default_factory=default_database_url,
        description="Where screening lists and the audit trail live: `sqlite:///PATH` "
        "(default: yalu.sqlite3 in the user's data directory) or "
        "`postgresql://USER:PASSWORD@HOST:PORT/DBNAME` (needs the `postgres` extra).",
    )
    match_threshold: float = Field(
        default=0.84,
        ge=0.0,
        le=1.0,
        description="Screening score (0..1) at or above which a candidate is reported as a match.",
    )
    match_limit: int = Field(
        default=5, ge=1, le=100, description="Candidates returned per screened name."
    )
    download_timeout_s: float = Field(
        default=60.0, gt=0, description="Seconds before a list download is abandoned."
    )
    list_max_age_days: int = Field(
        default=30,
        ge=0,
        description="Warn when a list was published longer ago than this many days, or when "
        "its file prints no publication date.",
    )
    index_cache_dir: str = Field(
        default_factory=default_index_cache_dir,
        description="Folder where the index built from list files (`--list-file`) is kept, "
        "by the digest of their bytes; empty to build it every time.",
    )
    log_json: bool = Field(
        default=False, description="Write logs as JSON lines (for `yalu serve`)."
    )
    alert_webhook_url: str = Field(
        default="",
        max_length=2000,
        pattern=r"^(https?://\S+)?$",
        description="Where each new monitoring alert is posted as JSON (`http(s)://...`); "
        "empty for none. Posted by a background `yalu monitor deliver` after each list load.",
    )
    alert_webhook_secret: str = Field(
        default="",
        description="When set, each webhook request carries `X-Yalu-Signature: sha256=<hex>`, "
        "the HMAC-SHA256 of its body under this secret.",
    )
    alert_webhook_attempts: int = Field(
        default=5, ge=1, le=20, description="Tries per alert before delivery stops for now."
    )
    alert_webhook_backoff_s: float = Field(
        default=1.0,
        gt=0,
        le=600,
        description="Seconds before the second try of an alert; each later wait doubles.",
    )
    alert_webhook_timeout_s: float = Field(
        default=10.0, gt=0, le=300, description="Seconds to wait for the webhook's answer."
    )
    list_max_shrink: float = Field(
        default=0.10,
        ge=0.0,
        le=1.0,
        description="Refuse a new list version whose entity count drops by more than this "
        "share (0..1) from the active version (`yalu lists load|update --allow-shrink` "
        "loads it anyway).",
    )
    session_hours: float = Field(
        default=8.0,
        gt=0,
        le=24 * 30,
        description="How long a sign-in to the web page lasts before it must be repeated.",
    )
    signin_attempts: int = Field(
        default=10,
        ge=1,
        description="Failed sign-ins or wrong API keys one client may send within "
        "`signin_window_minutes` before the server answers 429 until the window passes.",
    )
    signin_window_minutes: float = Field(
        default=15.0, gt=0, description="The window over which failed sign-ins are counted."
    )

    max_body_bytes: int = Field(
        default=1024 * 1024,
        ge=1024,
        description="Largest JSON or form body `yalu serve` reads, in bytes; a bigger one is "
        "refused with 413 before it is read (its Content-Length, or the bytes counted as "
        "they arrive).",
    )
    max_upload_bytes: int = Field(
        default=200 * 1024 * 1024,
        ge=1024,
        description="Largest file upload (`multipart/form-data` or `text/csv` body: "
        "`POST /goods/check`, `POST /lists/load`) `yalu serve` reads, in bytes.",
    )
    max_name_chars: int = Field(
        default=500,
        ge=1,
        le=100_000,
        description="Longest name screened (CLI, API, web page), in characters; a longer "
        "one is refused at once.",
    )
    max_batch_size: int = Field(
        default=1000,
        ge=1,
        le=100_000,
        description="Most queries one `POST /screen/batch` may hold.",
    )
    request_timeout_s: float = Field(
        default=30.0,
        gt=0,
        description="Time budget of one request to `yalu serve`, in seconds: a request not "
        "answered by then is answered 503 (with `Retry-After`) and its work abandoned.",
    )
    max_concurrent_requests: int = Field(
        default=32,
        ge=1,
        description="Requests `yalu serve` works on at once; beyond this it answers 503 with "
        "`Retry-After` at once (`GET /health` and `GET /ready` are not counted).",
    )
    key_requests_per_minute: int = Field(
        default=1200,
        ge=0,
        description="Requests one API key (or signed-in user) may make per minute, in bursts "
        "of up to this many; beyond it 429 with `Retry-After`. 0 turns the limit off.",
    )
    allowed_hosts: str = Field(
        default="",
        max_length=2000,
        description="Comma-separated host names `yalu serve` answers to (the `Host` header, "
        "against DNS rebinding); others get 400. Empty: the bound `--host` plus localhost, "
        "127.0.0.1 and ::1. `*` allows any.",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Order the sources: flags, environment, then `yalu.toml`."""
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))


def load_settings(**overrides: Any) -> Settings:
    """Build Settings from flags (`overrides`, None values ignored), environment and file.

    Raises:
        ConfigError: a setting has an invalid value.
    """
    flags = {key: value for key, value in overrides.items() if value is not None}
    try:
        return Settings(**flags)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(part) for part in first["loc"]) or "settings"
        raise ConfigError(
            f"setting '{name}' is invalid: {first['msg']}",
            hint="See docs/reference/settings.md for allowed values",
        ) from exc


def describe_sources(settings: Settings) -> dict[str, str]:
    """Return where each effective setting came from: flag/env/file/default."""
    import os

    sources: dict[str, str] = {}
    file_values: dict[str, Any] = {}
    toml_path = Path("yalu.toml")
    if toml_path.exists():
        import tomllib

        file_values = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    for name in Settings.model_fields:
        if f"YALU_{name.upper()}" in os.environ:
            sources[name] = "environment"
        elif name in file_values:
            sources[name] = "yalu.toml"
        elif name in settings.model_fields_set:
            sources[name] = "flag"
        else:
            sources[name] = "default"
    return sources
