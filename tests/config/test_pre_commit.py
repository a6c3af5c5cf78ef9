"""The pre-commit configuration runs CI's lint steps, from .venv, with no hook fetched."""

import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def ci_commands() -> list[str]:
    """The lint commands of scripts/test.sh, with its $py spelt out."""
    lines = (ROOT / "scripts" / "test.sh").read_text().splitlines()
    wanted = (".venv/bin/ruff", ".venv/bin/bandit", ".venv/bin/mypy", "manage.py makemigrations")
    found = []
    for line in lines:
        if any(w in line for w in wanted) and not line.startswith(("#", "echo")):
            found.append(line.replace("$py", ".venv/bin/python"))
    return found


def test_every_ci_lint_step_is_a_local_hook():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    commands = ci_commands()
    assert len(commands) == 4
    for command in commands:
        # CI's line may set variables first; the command itself must be a hook's.
        words = [w for w in shlex.split(command) if "=" not in w]
        assert any(" ".join(words) in entry for entry in entries), command
    for hook in config["repos"][0]["hooks"]:
        assert hook["language"] == "system"
        assert hook["entry"].split()[0] in (
            ".venv/bin/ruff", ".venv/bin/bandit", ".venv/bin/mypy", "env", "msgfmt"
        )
