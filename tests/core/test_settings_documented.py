from tests.paths import REPO
from yalu.core.config import Settings


def test_every_setting_is_documented_in_the_settings_reference() -> None:
    reference = (REPO / "docs" / "reference" / "settings.md").read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"`{name}`" not in reference]
    assert missing == []
