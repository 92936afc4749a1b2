"""Monitored subjects: the customer book, and each subject's current matches.

A subject is a screening query with an id the user chose (`yalu screen --input` columns, `id`
required). `monitor_matches` holds, per subject, the list entries it matches now, with the
fingerprint of each entry's meaning (`diff.entity_fingerprint`) and its score: the monitor
compares a new list version against these to tell a new match from a changed one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from yalu.core.errors import InputError, NotFoundError
from yalu.models.screening import Query
from yalu.screening.codec import decode_query, encode_query
from yalu.screening.database import Row
from yalu.screening.queries import read_queries
from yalu.screening.store import Store

MAX_ID_CHARS = 200
"""Longest subject id accepted (a customer number, not a document)."""
MAX_NAME_CHARS = 500
"""Longest subject name accepted."""
_CHUNK = 500
"""Ids sent in one `IN (...)` list."""


@dataclass(frozen=True, slots=True)
class Subject:
    """A monitored subject: the query it is screened as, and who added it when."""

    query: Query
    added_at: str
    added_by: str

    @property
    def id(self) -> str:
        """Return the subject's id."""
        return self.query.id

    @property
    def name(self) -> str:
        """Return the subject's name."""
        return self.query.name


@dataclass(frozen=True, slots=True)
class RecordedMatch:
    """A list entry a subject matched when last screened, and what the entry said then."""

    subject_id: str
    list: str
    entity_id: str
    entity_name: str
    entity_digest: str
    score: float

    @property
    def key(self) -> tuple[str, str, str]:
        """Return (subject id, list, entity id)."""
        return (self.subject_id, self.list, self.entity_id)


def _check_ids(text: str, where: str) -> None:
    """Refuse a subjects CSV without an `id` column, or with a blank, long or repeated id."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
        if "id" not in header:
            raise InputError(
                "the header has no 'id' column",
                path=where,
                line=1,
                hint="Give each subject its own id (a customer number), e.g. id,name,birth_date",
            )
        column = header.index("id")
        seen: dict[str, int] = {}
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                _check_id(cells[column].strip() if column < len(cells) else "", where, line, seen)
            line = reader.line_num + 1
    except csv.Error:
        return  # read_queries reports broken quoting with its line


def _check_id(subject_id: str, where: str, line: int, seen: dict[str, int]) -> None:
    if not subject_id:
        raise InputError(
            "the subject has no id", path=where, line=line, hint="Fill in the id column"
        )
    if len(subject_id) > MAX_ID_CHARS:
        raise InputError(
            f"the id is {len(subject_id):,} characters long",
            path=where,
            line=line,
            hint=f"Use ids of at most {MAX_ID_CHARS} characters",
        )
    if subject_id in seen:
        raise InputError(
            f"the id '{subject_id}' is also on line {seen[subject_id]}",
            path=where,
            line=line,
            hint="Give each subject its own id",
        )
    seen[subject_id] = line


def read_subjects_text(text: str, where: str) -> list[Query]:
    """Parse a subjects CSV: the columns of `yalu screen --input`, with `id` required.

    Raises:
        InputError: no `id` or `name` column, a blank, repeated or over-long id, a name
            longer than `MAX_NAME_CHARS`, or any problem `queries.read_queries` reports.
    """
    _check_ids(text, where)
    queries = read_queries(text, where)
    for query in queries:
        if len(query.name) > MAX_NAME_CHARS:
            raise InputError(
                f"the name of subject '{query.id}' is {len(query.name):,} characters long",
                path=where,
                hint=f"Use names of at most {MAX_NAME_CHARS} characters",
            )
    return queries


def read_subjects_file(path: Path) -> list[Query]:
    """Read a subjects CSV from `path` (UTF-8, BOM allowed); see `read_subjects_text`.

    Raises:
        InputError: the file is missing, unreadable, not UTF-8 or malformed.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError("no such file", path=path, hint="Check the path") from exc
    except IsADirectoryError as exc:
        raise InputError("is a directory", path=path, hint="Pass a CSV file") from exc
    except PermissionError as exc:
        raise InputError(
            "permission denied", path=path, hint="Make the file readable (chmod u+r)"
        ) from exc
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (byte {exc.start})", path=path, hint="Save the file as UTF-8 CSV"
        ) from exc
    return read_subjects_text(text, str(path))


def _subject(row: Row) -> Subject:
    return Subject(decode_query(json.loads(row["query"])), row["added_at"], row["added_by"])


def count_subjects(store: Store) -> int:
    """Return how many subjects are monitored."""
    row = store.connection.execute("SELECT count(*) AS n FROM monitored_subjects").fetchone()
    return int(row["n"]) if row is not None else 0


def read_subjects(store: Store, *, limit: int | None = None) -> list[Subject]:
    """Return the monitored subjects by id (the first `limit` of them when given)."""
    sql = "SELECT * FROM monitored_subjects ORDER BY subject_id"
    params: tuple[int, ...] = ()
    if limit is not None:
        sql, params = sql + " LIMIT ?", (limit,)
    with closing(store.connection.execute(sql, params)) as cursor:
        return [_subject(row) for row in cursor.fetchall()]


def iter_subjects(store: Store, *, batch: int = 5000) -> Iterator[Subject]:
    """Yield every monitored subject by id, reading `batch` rows at a time (bounded memory)."""
    after: str | None = None
    while True:
        bound, params = ("", ()) if after is None else ("WHERE subject_id > ? ", (after,))
        sql = f"SELECT * FROM monitored_subjects {bound}ORDER BY subject_id LIMIT ?"
        with closing(store.connection.execute(sql, (*params, batch))) as cursor:
            rows = cursor.fetchall()
        if not rows:
            return
        for row in rows:
            yield _subject(row)
        after = rows[-1]["subject_id"]


def subject_names(store: Store, subject_ids: Iterable[str]) -> dict[str, str]:
    """Return the names of those of `subject_ids` that are monitored."""
    found: dict[str, str] = {}
    for chunk in _chunks(sorted(set(subject_ids))):
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT subject_id, name FROM monitored_subjects WHERE subject_id IN ({marks})"
        found.update(
            (row["subject_id"], row["name"]) for row in store.connection.execute(sql, chunk)
        )
    return found


def get_subject(store: Store, subject_id: str) -> Subject | None:
    """Return the monitored subject with this id, or None."""
    row = store.connection.execute(
        "SELECT * FROM monitored_subjects WHERE subject_id = ?", (subject_id,)
    ).fetchone()
    return _subject(row) if row is not None else None


def existing_ids(store: Store, subject_ids: Iterable[str]) -> set[str]:
    """Return those of `subject_ids` that are monitored."""
    found: set[str] = set()
    for chunk in _chunks(sorted(set(subject_ids))):
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT subject_id FROM monitored_subjects WHERE subject_id IN ({marks})"
        found.update(row["subject_id"] for row in store.connection.execute(sql, chunk))
    return found


def save_subjects(store: Store, queries: Sequence[Query], *, at: str, by: str) -> None:
    """Add or replace subjects (a replaced one loses its recorded matches); in a transaction."""
    ids = [query.id for query in queries]
    for chunk in _chunks(ids):
        marks = ", ".join("?" * len(chunk))
        store.connection.execute(
            f"DELETE FROM monitor_matches WHERE subject_id IN ({marks})", chunk
        )
        store.connection.execute(
            f"DELETE FROM monitored_subjects WHERE subject_id IN ({marks})", chunk
        )
    store.connection.executemany(
        "INSERT INTO monitored_subjects (subject_id, name, query, added_at, added_by)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (query.id, query.name, json.dumps(encode_query(query), ensure_ascii=False), at, by)
            for query in queries
        ],
    )


def remove_subjects(store: Store, subject_ids: Sequence[str]) -> int:
    """Stop monitoring these subjects (their alerts and decisions stay); all or none.

    Raises:
        NotFoundError: an id is not monitored; nothing was removed.
    """
    wanted = list(dict.fromkeys(subject_ids))
    found = existing_ids(store, wanted)
    unknown = [subject_id for subject_id in wanted if subject_id not in found]
    if unknown:
        raise NotFoundError(
            f"no monitored subject has the id '{unknown[0]}'",
            hint="`yalu monitor list` shows the ids; nothing was removed",
        )
    with store.transaction():
        for chunk in _chunks(wanted):
            marks = ", ".join("?" * len(chunk))
            store.connection.execute(
                f"DELETE FROM monitor_matches WHERE subject_id IN ({marks})", chunk
            )
            store.connection.execute(
                f"DELETE FROM monitored_subjects WHERE subject_id IN ({marks})", chunk
            )
    return len(wanted)


def _match(row: Row) -> RecordedMatch:
    return RecordedMatch(
        subject_id=row["subject_id"],
        list=row["list"],
        entity_id=row["entity_id"],
        entity_name=row["entity_name"],
        entity_digest=row["entity_digest"],
        score=float(row["score"]),
    )


def read_matches(
    store: Store, *, subject_id: str | None = None, entries: Iterable[tuple[str, str]] = ()
) -> list[RecordedMatch]:
    """Return recorded matches: of one subject, or of the given (list, entity id) entries.

    With neither, every recorded match.
    """
    wanted = sorted(set(entries))
    if subject_id is not None:
        sql = "SELECT * FROM monitor_matches WHERE subject_id = ? ORDER BY list, entity_id"
        return [_match(row) for row in store.connection.execute(sql, (subject_id,))]
    if not wanted:
        sql = "SELECT * FROM monitor_matches ORDER BY subject_id, list, entity_id"
        return [_match(row) for row in store.connection.execute(sql)]
    found: list[RecordedMatch] = []
    by_list: dict[str, list[str]] = {}
    for list_name, entity_id in wanted:
        by_list.setdefault(list_name, []).append(entity_id)
    for list_name, entity_ids in by_list.items():
        for chunk in _chunks(entity_ids):
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT * FROM monitor_matches WHERE list = ? AND entity_id IN ({marks})"
            found.extend(_match(row) for row in store.connection.execute(sql, (list_name, *chunk)))
    return found


def save_matches(store: Store, matches: Iterable[RecordedMatch]) -> None:
    """Record (or update) matches; call inside a transaction."""
    rows = list(matches)
    for match in rows:
        delete_match(store, match.key)
    store.connection.executemany(
        "INSERT INTO monitor_matches"
        " (subject_id, list, entity_id, entity_name, entity_digest, score)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (m.subject_id, m.list, m.entity_id, m.entity_name, m.entity_digest, m.score)
            for m in rows
        ],
    )


def delete_match(store: Store, key: tuple[str, str, str]) -> None:
    """Forget one recorded match (subject id, list, entity id); call inside a transaction."""
    store.connection.execute(
        "DELETE FROM monitor_matches WHERE subject_id = ? AND list = ? AND entity_id = ?", key
    )


def read_baselines(store: Store) -> dict[str, int]:
    """Return, per list, the version id the recorded matches were last brought up to."""
    rows = store.connection.execute("SELECT source, version_id FROM monitor_baselines")
    return {row["source"]: int(row["version_id"]) for row in rows}


def save_baselines(store: Store, versions: dict[str, int]) -> None:
    """Set the baseline version of each list given; call inside a transaction."""
    for source, version_id in sorted(versions.items()):
        store.connection.execute("DELETE FROM monitor_baselines WHERE source = ?", (source,))
        store.connection.execute(
            "INSERT INTO monitor_baselines (source, version_id) VALUES (?, ?)",
            (source, version_id),
        )


def move_baselines(store: Store, moves: dict[str, tuple[int | None, int]]) -> bool:
    """Move each list's baseline from the version read before to the new one, if still there.

    Call inside a transaction. Returns False, having moved none that matter, when another
    run moved a baseline first: the caller then rolls back, so the same changes never raise
    alerts twice.
    """
    for source, (old, new) in sorted(moves.items()):
        if old is None:
            taken = store.connection.execute(
                "SELECT 1 AS taken FROM monitor_baselines WHERE source = ?", (source,)
            ).fetchone()
            if taken is not None:
                return False
            store.connection.execute(
                "INSERT INTO monitor_baselines (source, version_id) VALUES (?, ?)", (source, new)
            )
            continue
        moved = store.connection.execute(
            "UPDATE monitor_baselines SET version_id = ? WHERE source = ? AND version_id = ?"
            " RETURNING source",
            (new, source, old),
        ).fetchone()
        if moved is None:
            return False
    return True


def _chunks(items: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield list(items[start : start + _CHUNK])
