"""Contract tests: every rule is documented with an example, and the pre-commit hook runs it."""

from __future__ import annotations

import re

from teikit.check import RULES

ROW = re.compile(r"^\| `([a-z]+\.[a-z-]+)` \| (error|warning|info) \|(.+)\|(.*)\|$")


def _rows(project_root):
    text = (project_root / "docs" / "checks.md").read_text("utf-8")
    return {m.group(1): m for m in (ROW.match(line) for line in text.splitlines()) if m}


def test_every_rule_is_in_the_docs_table_with_its_severity(project_root):
    rows = _rows(project_root)
    assert sorted(rows) == sorted(RULES)
    for code, match in rows.items():
        assert match.group(2) == RULES[code].severity.value, code


def test_every_problem_rule_has_an_example(project_root):
    rows = _rows(project_root)
    missing = [code for code, m in rows.items() if not m.group(4).strip() and not code.startswith("unused.")]
    assert missing == []


def test_pre_commit_hook_runs_teikit_check_on_xml(project_root):
    text = (project_root / ".pre-commit-hooks.yaml").read_text("utf-8")
    assert re.search(r"^- id: teikit-check$", text, re.M)
    assert re.search(r"^  entry: teikit hook check$", text, re.M)  # hook: skips XML that is not TEI
    assert re.search(r"^  language: python$", text, re.M)
    assert re.search(r"^  files: \\\.xml\$$", text, re.M)
    assert re.search(r"^  require_serial: true$", text, re.M)
