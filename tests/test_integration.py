"""CI integration files: the pre-commit hooks, the GitHub Action, the GitLab report.

The pre-commit test runs the real hook (`pre-commit try-repo`) in a temporary
git repository; it builds the hook's environment, so it is slow, and it is
skipped where pre-commit or git is not installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize.cli import main

from .conftest import ROOT, SEEDS


def _yaml(name: str):
    yaml = pytest.importorskip("yaml", reason="PyYAML reads the hook and action files")
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_pre_commit_hooks_file():
    hooks = _yaml(".pre-commit-hooks.yaml")
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"normalize", "normalize-fix"}
    for hook in hooks:
        assert hook["language"] == "python" and hook["entry"].startswith("normalize ")
        assert "--force-exclude" in hook["entry"]


def test_action_runs_check_and_uploads_sarif():
    action = _yaml("action.yml")
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    scripts = "\n".join(s.get("run", "") for s in steps)
    assert "normalize check --format sarif --output" in scripts
    assert "normalize check --format github" in scripts
    for step in steps:  # inputs reach scripts through the environment, never spliced in
        assert "${{" not in step.get("run", "")


def test_force_exclude_applies_config_to_named_files(tmp_path):
    (tmp_path / "normalize.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    draft = tmp_path / "drafts" / "a.md"
    draft.write_text("Foreign Minister Kestutis Budrys spoke.\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["check", str(draft)]).exit_code == 1
    assert CliRunner().invoke(main, ["check", "--force-exclude", str(draft)]).exit_code == 0


def test_gitlab_codequality_report():
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, ["check", "--format", "codequality", "seeds"])
    finally:
        os.chdir(old)
    issues = json.loads(result.stdout)
    payload = json.loads(CliRunner().invoke(main, ["check", "--format", "json", str(SEEDS)])
                         .stdout)
    assert len(issues) == payload["summary"]["findings"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major")
        assert issue["location"]["path"].startswith("seeds/")
        assert issue["location"]["lines"]["begin"] >= 1


@pytest.mark.slow
def test_pre_commit_hook_in_a_temporary_repo(tmp_path):
    pre_commit = shutil.which("pre-commit") or shutil.which(
        "pre-commit", path=str(Path(sys.executable).parent))
    git = shutil.which("git")
    if pre_commit is None or git is None:
        pytest.skip("pre-commit or git not installed")
    repo = tmp_path / "repo"
    (repo / "drafts").mkdir(parents=True)
    (repo / "normalize.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    (repo / "article.md").write_text("Foreign Minister Kestutis Budrys spoke.\n",
                                     encoding="utf-8")
    (repo / "clean.txt").write_text("The minister spoke on Monday.\n", encoding="utf-8")
    (repo / "drafts" / "wip.md").write_text("The drone was found precipitated.\n",
                                            encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def sh(*args):
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True,
                              timeout=600)

    sh(git, "init", "-q")
    sh(git, "add", ".")
    sh(git, "commit", "-qm", "articles")
    checked = sh(pre_commit, "try-repo", str(ROOT), "normalize", "--all-files")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "article.md:1:18: NM101" in checked.stdout
    assert "wip.md" not in checked.stdout and "clean.txt" not in checked.stdout
    fixed = sh(pre_commit, "try-repo", str(ROOT), "normalize-fix", "--all-files")
    assert fixed.returncode == 1  # files were modified
    assert (repo / "article.md").read_text(encoding="utf-8") == \
        "Foreign Minister Kęstutis Budrys spoke.\n"
    assert "precipitated" in (repo / "drafts" / "wip.md").read_text(encoding="utf-8")
