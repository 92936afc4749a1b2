"""Admin routes: manage API keys (`/keys`) and load a list version (`POST /lists/load`).

They need the `manage_keys` and `load_lists` permissions (admins), and do what
`yalu keys create|list|revoke` and `yalu lists load` do, recording the admin key's name.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path, PurePath
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from yalu.core.errors import InputError, YaluError
from yalu.interfaces.api.access import Caller, require
from yalu.interfaces.api.routes.screening import AUTH_ERRORS
from yalu.interfaces.api.schemas import ErrorOut, KeyIn, KeyOut, ListLoadOut, NewKeyOut
from yalu.interfaces.api.state import ScreeningState
from yalu.models.access import Permission
from yalu.screening.key_store import ApiKey

router = APIRouter(tags=["admin"])

MAX_LIST_BYTES = 200 * 1024 * 1024
"""Largest upload (all files together) `POST /lists/load` accepts."""
_CHUNK_BYTES = 1024 * 1024

_ERRORS: dict[int | str, dict[str, object]] = {
    **AUTH_ERRORS,
    422: {"model": ErrorOut, "description": "The request is invalid (one-line detail)."},
}
KeysAdmin = Annotated[Caller, Depends(require(Permission.MANAGE_KEYS))]


def _state(request: Request) -> ScreeningState:
    state: ScreeningState = request.app.state.screening
    return state


def _key_out(key: ApiKey) -> KeyOut:
    return KeyOut(
        name=key.name,
        role=key.role,
        key_id=key.key_id,
        created_at=key.created_at,
        created_by=key.created_by,
        revoked_at=key.revoked_at or None,
        revoked_by=key.revoked_by or None,
    )


@router.get("/keys", response_model=list[KeyOut], responses=_ERRORS)
def list_keys(request: Request, caller: KeysAdmin) -> list[KeyOut]:
    """Return every key, active and revoked (names, roles, ids; never a key or its hash)."""
    from yalu.screening.keys import list_keys as stored_keys

    with _state(request).open_store() as store:
        return [_key_out(key) for key in stored_keys(store)]


@router.post("/keys", response_model=NewKeyOut, status_code=201, responses=_ERRORS)
def create_key(body: KeyIn, request: Request, caller: KeysAdmin) -> NewKeyOut:
    """Create a key; the answer holds it this once (only its hash is stored)."""
    from yalu.screening.keys import create_key as make_key

    with _state(request).open_store() as store:
        made = make_key(store, body.name, body.role, actor=caller.name)
    return NewKeyOut(**_key_out(made.key).model_dump(), key=made.token)


@router.delete(
    "/keys/{name}",
    response_model=KeyOut,
    responses={404: {"model": ErrorOut, "description": "No active key has this name."}, **_ERRORS},
)
def revoke_key(name: str, request: Request, caller: KeysAdmin) -> KeyOut:
    """Revoke a key: it is refused from the next request on."""
    from yalu.screening.keys import revoke_key as revoke

    with _state(request).open_store() as store:
        return _key_out(revoke(store, name, actor=caller.name))


@router.post("/lists/load", response_model=ListLoadOut, responses=_ERRORS)
async def load_list(
    request: Request, caller: Annotated[Caller, Depends(require(Permission.LOAD_LISTS))]
) -> ListLoadOut:
    """Load an uploaded list as a new version; it becomes active only once fully loaded.

    Send the file as the multipart field `file` (repeat it for the files of an OFAC set:
    sdn.csv, alt.csv, add.csv), with the optional field `format` (else it is detected).
    """
    with tempfile.TemporaryDirectory(prefix="yalu-load-") as folder:
        async with request.form(max_files=16) as form:
            names = await _save_uploads(form.getlist("file"), Path(folder))
            format = form.get("format")
        chosen = format.strip() if isinstance(format, str) and format.strip() else None
        return await run_in_threadpool(
            _load, _state(request), Path(folder), names, chosen, caller.name
        )


async def _save_uploads(files: list[UploadFile | str], folder: Path) -> list[str]:
    """Copy the uploaded files into `folder` under their base names; return the names.

    Raises:
        InputError: no file, a duplicate or unusable name, or more than `MAX_LIST_BYTES`.
    """
    uploads = [item for item in files if isinstance(item, UploadFile)]
    if not uploads:
        raise InputError("the upload has no 'file' field", hint="Send the list as field 'file'")
    names: list[str] = []
    total = 0
    for upload in uploads:
        name = PurePath(upload.filename or "").name
        if name in ("", ".", "..") or name in names:
            raise InputError(
                f"the uploaded file name '{upload.filename}' is empty or repeated",
                hint="Give each file its own name (sdn.csv, alt.csv, add.csv)",
            )
        with (folder / name).open("wb") as out:
            while chunk := await upload.read(_CHUNK_BYTES):
                total += len(chunk)
                if total > MAX_LIST_BYTES:
                    raise InputError(
                        f"the upload is larger than {MAX_LIST_BYTES // 2**20} MB",
                        hint="Load big lists on the server with `yalu lists load PATH`",
                    )
                out.write(chunk)
        names.append(name)
    return names


def _load(
    state: ScreeningState, folder: Path, names: list[str], format: str | None, actor: str
) -> ListLoadOut:
    from yalu.formats import read_list
    from yalu.screening.ingest import ingest

    path = folder / names[0] if len(names) == 1 else folder
    label = ", ".join(names)
    try:
        snapshot = read_list(path, format)
    except YaluError as exc:
        raise _without_folder(exc, str(folder), label) from exc
    with state.open_store() as store:
        report = ingest(replace(snapshot, path=f"upload: {label}"), store, actor=actor)
    replaced = report.replaced
    return ListLoadOut(
        source=report.loaded.source,
        version=report.loaded.version,
        entity_count=report.loaded.entity_count,
        loaded_by=report.loaded.actor,
        replaces=None if replaced is None else (replaced.version or str(replaced.id)),
    )


def _without_folder(error: YaluError, folder: str, label: str) -> YaluError:
    """Return `error` naming the uploaded file, never the server's temporary folder."""

    def clean(text: str | None) -> str | None:
        return None if text is None else text.replace(folder + "/", "").replace(folder, label)

    path = error.path
    if path is not None and path.startswith(folder):
        path = path[len(folder) :].lstrip("/") or label
    problem, hint = clean(error.problem) or "", clean(error.hint)
    try:
        return type(error)(problem, path=path, line=error.line, column=error.column, hint=hint)
    except TypeError:  # a subclass with its own constructor
        return InputError(problem, path=path, hint=hint)
