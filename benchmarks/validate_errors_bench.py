"""Is `teikit validate` linear in the number of errors? Valid and invalid generated TEI, side by side.

For each size (MB) the check_bench generator writes a base document (teikit's encoding:
chapters, notes, persons, an index). Three versions of it are validated:

- *valid*: the base with its endnotes given ``place="end"`` and its chapters the IDs the
  Schematron rules ask for ("ch01"), so that it draws no error (2 diagnostics: a header note
  and Jing's summary);
- *base*: as generated (its endnotes and chapter IDs break two Schematron rules: 8,274
  diagnostics at 10 MB, 38,491 at 50 MB);
- *invalid*: the base where each person mention gains a ``date/@when`` with a month 13 (a
  RELAX NG datatype error) and each note marker a ``@type`` the schemas refuse (38,404
  diagnostics at 10 MB, 188,501 at 50 MB).

Each is validated in-process against teikit's customization (RELAX NG with the default
engine, plus Schematron), without the result cache; the script prints seconds, the number of
diagnostics, and the ratios to the valid file, which stay near 1-2 when error reporting is
linear (issue 20: within 2x).

    .venv/bin/python benchmarks/validate_errors_bench.py            # 1 and 10 MB
    .venv/bin/python benchmarks/validate_errors_bench.py 1 10 50
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from check_bench import generate

from teikit.validate.runner import validate_paths


def make_valid(text: str) -> str:
    """The base without its two Schematron errors (endnotes' place, chapters' IDs)."""
    text = text.replace('type="endnote"', 'type="endnote" place="end"')
    return re.sub(r"\bch(\d{4})", lambda m: f"ch{int(m[1]):02d}", text)


def invalidate(text: str) -> str:
    """Give every person mention a bad date and every note marker a bad type."""
    text = re.sub(r"(<persName ref=\"[^\"]+\">)", r'<date when="1888-13-01">x</date>\1', text)
    return text.replace('type="noteref"', 'type="noteref-bad"')


def timed(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    report = validate_paths([path], "teikit", cache_dir=None)
    return time.perf_counter() - start, len(report.diagnostics)


def main(argv: list[str]) -> int:
    sizes = [float(a) for a in argv] or [1.0, 10.0]
    print(f"{'MB':>5} {'valid s':>8} {'diags':>6} {'base s':>8} {'diags':>7} {'invalid s':>9} {'diags':>7}"
          f" {'base/valid':>10} {'invalid/valid':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            text = generate(int(mb * 1_000_000))
            figures = []
            for name, version in (("valid", make_valid(text)), ("base", text), ("invalid", invalidate(text))):
                path = Path(tmp) / f"{name}-{mb}.xml"
                path.write_text(version, encoding="utf-8")
                figures.append(timed(path))
                path.unlink()
            (t_valid, n_valid), (t_base, n_base), (t_invalid, n_invalid) = figures
            print(f"{mb:>5g} {t_valid:>8.2f} {n_valid:>6} {t_base:>8.2f} {n_base:>7}"
                  f" {t_invalid:>9.2f} {n_invalid:>7}"
                  f" {t_base / t_valid:>10.2f} {t_invalid / t_valid:>13.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
