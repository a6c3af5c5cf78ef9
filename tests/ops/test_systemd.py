"""The systemd units in deploy/systemd/ pass `systemd-analyze verify` (syntax, known keys,
executables that exist), with /srv/lalanh pointing at this checkout. This machine cannot
boot them (no systemd as PID 1); scripts/multi_server_check.py runs the same commands."""

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"


def test_units_verify(tmp_path):
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze is missing (scripts/system_packages.txt installs it)"
    for unit in UNITS.glob("lalanh*"):
        text = unit.read_text().replace("/srv/lalanh", str(ROOT))
        (tmp_path / unit.name).write_text(text)
    web = tmp_path / "lalanh-web@8001.service"
    shutil.copy(tmp_path / "lalanh-web@.service", web)
    names = [web.name] + sorted(
        p.name for p in tmp_path.iterdir()
        if p.suffix in (".service", ".timer", ".target") and "@" not in p.name
    )
    assert len(names) == 11
    done = subprocess.run(  # noqa: S603 - fixed arguments
        [analyze, "verify", "--man=no", *names], cwd=tmp_path, capture_output=True, text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr


def test_the_target_starts_every_timer_and_the_worker():
    target = (UNITS / "lalanh.target").read_text()
    for unit in UNITS.glob("lalanh-*.timer"):
        assert unit.name in target
    assert "lalanh-worker.service" in target and "lalanh-web@8001.service" in target
