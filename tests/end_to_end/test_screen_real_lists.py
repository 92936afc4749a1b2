"""Load the real published lists in ../shared, then screen through the `yalu` command."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.paths import SHARED_LISTS
from yalu.interfaces.cli.app import app

pytestmark = pytest.mark.shared_data

LOADABLE = (
    "UN_consolidated.xml",
    "ofac_sdn_2021",
    "ofac_cons_nonsdn_2025",
    "bis_dpl_2022.txt",
    "bis_dpl_2023.txt",
)
"""Every list in ../shared/data/lists except us_csl_2023.csv, which is cut mid-record."""

runner = CliRunner()


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Load every loadable real list once; return the environment pointing at it."""
    if not SHARED_LISTS.is_dir():
        pytest.fail(f"{SHARED_LISTS} is missing: clone the repository next to shared/")
    url = f"sqlite:///{tmp_path_factory.mktemp('real') / 'yalu.sqlite3'}"
    env = {"YALU_DATABASE_URL": url}
    paths = [str(SHARED_LISTS / name) for name in LOADABLE]
    result = runner.invoke(app, ["lists", "load", *paths], env=env)
    assert result.exit_code == 0, result.output
    return env


def yalu(env: dict[str, str], *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env=env)


def test_status_shows_every_source_with_the_latest_dpl_active(database: dict[str, str]) -> None:
    status = yalu(database, "lists", "status").stdout
    rows = {
        line.split()[1]: line
        for line in status.splitlines()
        if line.startswith("│") and line.split()[1] != "│"
    }
    assert set(rows) == {"un_sc", "ofac_sdn", "ofac_cons", "bis_dpl"}
    assert "1,003" in rows["un_sc"] and "8,976" in rows["ofac_sdn"]
    assert "bis_dpl_2023.txt" in rows["bis_dpl"]
    assert "2026-02-27 (" in rows["un_sc"] and "unknown !" in rows["ofac_sdn"]


def test_ryonbong_is_found_on_the_un_and_ofac_lists_with_explanations(
    database: dict[str, str],
) -> None:
    result = yalu(database, "screen", "Korea Ryonbong General Corporation")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any("un_sc" in line and "KPe.002" in line for line in lines)
    assert any("ofac_sdn" in line and "9347" in line for line in lines)
    assert "name +1.00" in result.stdout


def test_vessel_is_found_by_imo_number_alone(database: dict[str, str]) -> None:
    result = yalu(database, "screen", "Unknown Star", "--imo-number", "IMO 8660313", "-f", "jsonl")
    best = json.loads(result.stdout)["matches"][0]
    assert (best["entity_id"], best["schema"], best["match"]) == ("23729", "Vessel", True)
    assert (
        "identifier +1.00 (IMO 8660313 is on the list: an equal IMO number decides"
        in (best["explanation"])
    )


def test_names_file_gives_one_json_line_per_row_in_order(
    database: dict[str, str], tmp_path: Path
) -> None:
    names = tmp_path / "names.csv"
    names.write_text(
        "id,name,birth_date,nationality,note\n"
        "r1,Kim Jong Un,1984-01-08,KP,leader\n"
        "r2,Korea Ryonbong General Corporation,,,\n"
        "r3,Ocean Maritime Management,,,shipping\n",
        encoding="utf-8",
    )
    result = yalu(database, "screen", "--input", str(names), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["id"], row["note"]) for row in rows] == [
        ("r1", "leader"),
        ("r2", ""),
        ("r3", "shipping"),
    ]
    for row in rows:
        assert set(row) == {"id", "name", "note", "matches"}
        assert 1 <= len(row["matches"]) <= 5
        assert row["matches"][0]["match"] is True
        for match in row["matches"]:
            assert set(match) == {
                "entity_id",
                "list",
                "schema",
                "name",
                "score",
                "match",
                "explanation",
                "lists",
                "regimes",
                "entries",
                "grouped_because",
            }
            assert 0.0 <= match["score"] <= 1.0


def test_truncated_real_csl_file_is_refused_and_lists_in_use_stay(
    database: dict[str, str],
) -> None:
    before = yalu(database, "lists", "status").stdout
    path = SHARED_LISTS / "us_csl_2023.csv"
    result = yalu(database, "lists", "load", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}:")
    assert "Nothing was loaded; the lists in use are unchanged." in result.stderr
    assert result.stderr.count("\n") == 1
    assert yalu(database, "lists", "status").stdout == before


@pytest.mark.parametrize(
    ("hanzi", "entity_id", "listed", "hangul"),
    [
        ("金正恩", "20157", "KIM Jong Un", "김정은"),
        ("金與正", "21444", "KIM Yo Jong", "김여정"),
        ("崔龙海", "23213", "CHOE Ryong Hae", "최룡해"),
        ("李炳哲", "23215", "RI Pyong Chol", "리병철"),
    ],
)
def test_korean_name_in_han_characters_is_read_the_korean_way(
    database: dict[str, str], hanzi: str, entity_id: str, listed: str, hangul: str
) -> None:
    result = yalu(database, "screen", hanzi, "-f", "jsonl")
    assert result.exit_code == 0, result.output
    best = json.loads(result.stdout)["matches"][0]
    assert (best["list"], best["entity_id"], best["name"]) == ("ofac_sdn", entity_id, listed)
    assert f"Korean reading of {hanzi}: {hangul}" in best["explanation"]


@pytest.mark.parametrize(
    ("hanzi", "listed", "reading"),
    [
        # In Mandarin `Korea Da Cheng Bank`, which found nothing listed.
        ("朝鲜大成银行", "KOREA DAESONG BANK", "korea 대 성 bank"),
        ("朝鲜连峰总公司", "KOREA RYONBONG GENERAL CORPORATION", "korea 련 봉 general company"),
        ("朝鲜大同信贷银行", "DAEDONG CREDIT BANK", "korea 대 동 credit bank"),
        ("朝鲜端川商业银行", "TANCHON COMMERCIAL BANK", "korea 단 천 commercial bank"),
        ("大成银行", "KOREA DAESONG BANK", "대 성 bank"),  # four hanzi ending with `bank`
        ("高丽航空", "AIR KORYO", "고 려 air"),
    ],
)
def test_dprk_company_name_in_hanzi_is_read_the_korean_way(
    database: dict[str, str], hanzi: str, listed: str, reading: str
) -> None:
    result = yalu(database, "screen", hanzi, "-f", "jsonl")
    best = json.loads(result.stdout)["matches"][0]
    assert (best["list"], best["name"], best["match"]) == ("ofac_sdn", listed, True)
    assert f"Korean reading of {hanzi}: {reading}" in best["explanation"]


def test_chinese_name_in_hanzi_still_finds_its_chinese_entry(database: dict[str, str]) -> None:
    result = yalu(database, "screen", "马晓红", "-f", "jsonl")
    best = json.loads(result.stdout)["matches"][0]
    assert (best["list"], best["name"]) == ("ofac_sdn", "MA Xiaohong")
    assert "Mandarin reading of 马晓红: Ma Xiaohong" in best["explanation"]


@pytest.mark.parametrize("noise", ["Kim Jong Un ™", "Kim Jong Un ✓", "😀 Kim Jong Un 😀"])
def test_symbols_and_emoji_do_not_change_the_score(database: dict[str, str], noise: str) -> None:
    clean = json.loads(yalu(database, "screen", "Kim Jong Un", "-f", "jsonl").stdout)
    noisy = json.loads(yalu(database, "screen", noise, "-f", "jsonl").stdout)
    top = [(m["entity_id"], m["score"]) for m in clean["matches"]]
    assert [(m["entity_id"], m["score"]) for m in noisy["matches"]] == top
    assert top[0] == ("20157", 1.0)


def test_typo_in_a_korean_name_still_ranks_the_entity_first(database: dict[str, str]) -> None:
    for query, entity_id in (("Choe Ryong Hea", "23213"), ("Kim Jnog Un", "20157")):
        best = json.loads(yalu(database, "screen", query, "-f", "jsonl").stdout)["matches"][0]
        assert best["entity_id"] == entity_id, query


@pytest.mark.parametrize(
    ("name", "not_this"),
    [
        ("Kia Corporation", "QDe.006"),  # GIA, the initials of Groupe Islamique Armé
        ("Agricultural Bank of China", "4639"),  # Bank Keshavarzi, Iran's agricultural bank
    ],
)
def test_unlisted_companies_no_longer_match_a_listed_body_by_sound_or_by_glossary(
    database: dict[str, str], name: str, not_this: str
) -> None:
    result = yalu(database, "screen", name, "-f", "jsonl")
    matches = json.loads(result.stdout)["matches"]
    assert not any(m["match"] and m["entity_id"] == not_this for m in matches)
