"""Fuzz every reader: a mutated file is refused in one line, or loads correctly.

Mutants of small files (tests/fixtures/lists, and the shared lists up to 300 kB) are
truncated, cut at a line, have a line deleted or repeated, a bit flipped, two columns
swapped, or bytes that are not UTF-8. Each is read as `yalu lists load` reads it (reader,
then the load guards against the whole file as the version in use) and judged by
`benchmarks/fuzz_cases.py`, which `benchmarks/fuzz_readers.py` runs at length:

- no traceback and no error over several lines, ever;
- a truncated or duplicated list file loads only if it gives the whole file's entities;
- a byte that is not UTF-8, in a format that reads only UTF-8, is refused naming its
  byte offset.

Samples are found by `detect_format`, so every reader in `READERS` is covered, including
readers added later; `test_every_reader_has_a_small_sample` says which one lacks a file.
"""

import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.paths import FIXTURES, REPO, SHARED_LISTS
from yalu.formats import READERS

sys.path.insert(0, str(REPO / "benchmarks"))
from fuzz_cases import (
    DUPLICATIONS,
    MUTATIONS,
    TRUNCATIONS,
    Sample,
    baseline,
    find_samples,
    is_failure,
    judge,
    repeats_element_text,
    write_mutant,
)

SMALL = 300_000
FIXTURE_SAMPLES = find_samples([FIXTURES / "lists"])
SHARED_SAMPLES = find_samples([SHARED_LISTS], max_bytes=SMALL) if SHARED_LISTS.is_dir() else []
SAMPLES = [
    *(pytest.param(s, id=s.label) for s in FIXTURE_SAMPLES),
    *(pytest.param(s, id=s.label, marks=pytest.mark.shared_data) for s in SHARED_SAMPLES),
]
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_every_reader_has_a_small_sample() -> None:
    covered = {sample.format for sample in [*FIXTURE_SAMPLES, *SHARED_SAMPLES]}
    missing = sorted(set(READERS) - covered)
    assert missing == [], (
        f"no file under {SMALL:,} bytes in tests/fixtures/lists or ../shared/data/lists is "
        f"read by {missing}: add a small fixture so the fuzz tests cover it"
    )


@pytest.mark.parametrize("sample", SAMPLES)
@FUZZ
@given(
    kind=st.sampled_from(MUTATIONS),
    position=st.floats(0.0, 1.0, exclude_max=True),
    extra=st.integers(0, 1 << 20),
)
def test_a_mutated_list_is_refused_in_one_line_or_loads_correctly(
    sample: Sample, kind: str, position: float, extra: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = baseline(sample, Path(folder))
        fuzzed = base.fuzzed(sample)
        mutant = write_mutant(fuzzed, Path(folder) / "mutant", kind, position, extra)
        outcome = judge(sample, mutant, base)
        assert is_failure(sample, kind, outcome, base, mutant) == "", outcome


@pytest.mark.parametrize("kind", [*TRUNCATIONS, *DUPLICATIONS])
@pytest.mark.parametrize("sample", [pytest.param(s, id=s.label) for s in FIXTURE_SAMPLES])
def test_every_cut_and_every_repeated_line_of_a_fixture_is_refused_or_harmless(
    sample: Sample, kind: str, tmp_path: Path
) -> None:
    """Every line of each fixture file (60 byte offsets for cuts): no gap for Hypothesis."""
    base = baseline(sample, tmp_path)
    for which, file in enumerate(sample.files):
        lines = len(file.read_bytes().splitlines()) or 1
        steps = 60 if kind == "truncate" else lines
        for step in range(steps):
            position = (step + 0.5) / steps
            mutant = write_mutant(sample, tmp_path / "mutant", kind, position, which)
            outcome = judge(sample, mutant, base)
            assert is_failure(sample, kind, outcome, base, mutant) == "", (file, step, outcome)


@pytest.mark.parametrize(
    ("text", "repeated", "expected"),
    [
        ("<a>\n<b>one\ntwo\n</b>\n</a>\n", 2, True),  # a line of a text spanning lines
        ("<a>\n<b>one\ntwo\n</b>\n</a>\n", 1, False),  # markup: an element repeated
        ("id,name\n1,one\n2,two\n", 1, False),  # a CSV record repeated
    ],
)
def test_only_a_repeated_line_of_an_xml_text_is_an_edit_not_damage(
    tmp_path: Path, text: str, repeated: int, expected: bool
) -> None:
    original = tmp_path / "list.xml"
    original.write_text(text)
    lines = text.splitlines(keepends=True)
    mutant = tmp_path / "mutant.xml"
    mutant.write_text("".join(lines[: repeated + 1] + lines[repeated:]))
    assert repeats_element_text(Sample(original, "uk_xml"), mutant) is expected
