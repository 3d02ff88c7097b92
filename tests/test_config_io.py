"""The config file when the disk says no: a folder that cannot be made, a folder where
the file should be, a full disk, a broken file in a folder where no copy can be kept.
Each is a :class:`ConfigError` naming the path and the cause, and one line with exit code
3 from the command line, never a traceback.

Tests run as root, whom file permissions do not stop: a regular file where a folder
should be, a folder where the file should be, and ``os.replace``/``shutil.copy2`` made to
fail stand in for an unwritable folder, an unreadable file, a full disk and a read-only
folder.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from panel.cli.exit_codes import EXIT_CONFIG
from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.store import Config, ConfigError, ConfigStore

BROKEN = '[[profiles]]\nname = "x"\nengine = "llama.cpp\n'


def cli(*args: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """The real command line in a fresh interpreter; ``prelude`` runs first (to make a
    system call fail the way a full disk or read-only folder would)."""
    code = f"import sys\n{prelude}\nfrom panel.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_one_line(done: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert done.returncode == EXIT_CONFIG, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("inference-panel: ")
    for needle in needles:
        assert needle in done.stderr, done.stderr


ENOSPC = (
    "import errno, os\n"
    "def full(*a, **k):\n"
    "    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
    "os.replace = full\n"
)
EROFS_COPY = (
    "import errno, os, shutil\n"
    "def ro(*a, **k):\n"
    "    raise OSError(errno.EROFS, os.strerror(errno.EROFS))\n"
    "shutil.copy2 = ro\n"
)


# -- the store ----------------------------------------------------------------------------


def test_first_run_where_the_folder_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file, not a folder")
    store = ConfigStore(blocker / "panel" / "config.toml")
    with pytest.raises(ConfigError) as err:
        store.load()
    assert str(blocker / "panel" / "config.toml") in str(err.value)
    assert "cannot save" in str(err.value)
    assert "(ENOTDIR)" in str(err.value) or "(EEXIST)" in str(err.value)
    assert blocker.read_text() == "a file, not a folder"


def test_a_folder_where_the_file_should_be_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    store = ConfigStore(path)
    with pytest.raises(ConfigError, match=r"cannot read: Is a directory \(EISDIR\)"):
        store.load()
    # Nothing was read, so nothing may be written over it.
    with pytest.raises(ConfigError, match="not saved"):
        store.save(Config())
    assert path.is_dir()


def test_a_full_disk_on_save_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ConfigStore(tmp_path / "folder" / "config.toml")
    store.save(Config(profiles=[ServerProfile(name="kept", engine=Engine.CUSTOM)]))
    before = store.path.read_text()

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(ConfigError) as err:
        store.save(Config(profiles=[ServerProfile(name="new", engine=Engine.CUSTOM)]))
    assert f"{store.path}: cannot save: No space left on device (ENOSPC)" == str(err.value)
    assert store.path.read_text() == before
    assert [p.name for p in store.path.parent.iterdir()] == ["config.toml"]  # no temp left


def test_a_broken_file_where_no_copy_can_be_kept_still_names_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(BROKEN)

    def read_only(*_: object, **__: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr("shutil.copy2", read_only)
    with pytest.raises(ConfigError) as err:
        ConfigStore(path).load()
    assert err.value.line == 3 and err.value.backup is None
    assert "line 3: TOML syntax error" in str(err.value)
    assert path.read_text() == BROKEN


# -- the command line -----------------------------------------------------------------------


def test_cli_first_run_in_a_folder_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    config = blocker / "config.toml"
    for command in (["list"], ["serve", "x"], ["ask", "--profile", "x", "hi"]):
        done = cli("--config", str(config), *command)
        assert_one_line(done, str(config), "cannot save")
    done = cli("--config", str(config), "transcribe", "--profile", "x", str(blocker))
    assert_one_line(done, str(config), "cannot save")


def test_cli_unreadable_config(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.mkdir()
    assert_one_line(cli("--config", str(config), "list"), str(config), "cannot read")


def test_cli_full_disk_on_first_run(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    done = cli("--config", str(config), "list", prelude=ENOSPC)
    assert_one_line(done, str(config), "No space left on device")
    assert not config.exists()


def test_cli_broken_config_in_a_read_only_folder_names_the_toml_error(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(BROKEN)
    done = cli("--config", str(config), "list", prelude=EROFS_COPY)
    assert_one_line(done, f"{config}, line 3: TOML syntax error")
    assert "a copy was kept" not in done.stderr
    assert config.read_text() == BROKEN
