"""Export files are written safely: owner-only, whole or not at all, never through a symbolic link at
the target, never over an existing file without --force; from the CLI and from the app alike."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_builders import Filled

from gui.widgets.session_exports import write_export
from mesogun.cli import main
from mesogun.exports import ExportWriteError, write_private


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0)
    yield
    os.umask(previous)


def _export(filled: Filled, out: Path, *extra: str) -> int:
    journal = str(filled.journal.path)
    return main(
        ["sessions", "export", filled.first, "--format", "csv", "-o", str(out), "--journal", journal, *extra]
    )


def test_a_new_export_is_owner_only_even_under_umask_000(
    filled: Filled, tmp_path: Path, open_umask: None
) -> None:
    out = tmp_path / "doses.csv"
    assert _export(filled, out) == 0
    assert _mode(out) == 0o600
    assert out.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_an_existing_file_is_kept_unless_force_then_replaced_owner_only(
    filled: Filled, tmp_path: Path
) -> None:
    out = tmp_path / "doses.csv"
    out.write_text("someone else's file\n", encoding="utf-8")
    out.chmod(0o644)

    assert _export(filled, out) == 2
    assert out.read_text(encoding="utf-8") == "someone else's file\n"
    assert _mode(out) == 0o644

    assert _export(filled, out, "--force") == 0
    assert out.read_text(encoding="utf-8") != "someone else's file\n"
    assert _mode(out) == 0o600


def test_a_symbolic_link_at_the_target_is_replaced_never_followed(filled: Filled, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not to be touched\n", encoding="utf-8")
    elsewhere.chmod(0o644)
    out = tmp_path / "doses.csv"
    out.symlink_to(elsewhere)

    assert _export(filled, out) == 2
    assert _export(filled, out, "--force") == 0

    assert elsewhere.read_text(encoding="utf-8") == "not to be touched\n"
    assert not out.is_symlink()
    assert _mode(out) == 0o600


def test_a_dangling_link_is_not_written_through(tmp_path: Path) -> None:
    target = tmp_path / "created-through-the-link.csv"
    out = tmp_path / "doses.csv"
    out.symlink_to(target)
    with pytest.raises(ExportWriteError, match="already exists"):
        write_private(out, b"x")
    assert not target.exists()


def test_the_app_writes_its_exports_with_the_same_writer(
    filled: Filled, tmp_path: Path, open_umask: None
) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("{}\n", encoding="utf-8")
    out = tmp_path / "session.json"
    out.symlink_to(elsewhere)

    written = write_export(filled.journal.path, "json", filled.first, out, "en")

    assert written == out
    assert elsewhere.read_text(encoding="utf-8") == "{}\n"
    assert not out.is_symlink() and _mode(out) == 0o600
