"""Every test file under tests/ is collected by the README's test command.

pytest's default ``norecursedirs`` silently skips folders such as ``build``; this test fails if
any ``tests/**/test_*.py`` is left out again, whatever the reason.
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_every_test_file_is_collected(request: object) -> None:
    session = request.session  # type: ignore[attr-defined]
    collected = {Path(str(item.path)).resolve() for item in session.items}
    on_disk = {p.resolve() for p in TESTS.rglob("test_*.py") if "fixtures" not in p.parts}
    config = request.config  # type: ignore[attr-defined]
    if config.option.keyword or config.option.markexpr:  # -k/-m deselect on purpose
        return
    selected = {p for p in on_disk if any(str(p).startswith(str(a)) for a in _args(request))}
    missing = sorted(str(p.relative_to(TESTS)) for p in selected - collected)
    assert not missing, f"test files not collected: {missing}"


def _args(request: object) -> list[Path]:
    config = request.config  # type: ignore[attr-defined]
    args = [a.split("::")[0] for a in config.args] or [str(TESTS)]
    return [Path(config.rootpath, a).resolve() if not Path(a).is_absolute() else Path(a) for a in args]
