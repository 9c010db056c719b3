"""Is `teikit validate` linear in the number of errors? Valid and invalid generated TEI, side by side.

For each size (MB) the check_bench generator writes a base document (teikit's encoding:
chapters, notes, persons, an index; it already draws some diagnostics); a copy then gets
errors: each person mention gains a ``date/@when`` with a month 13 (a RELAX NG datatype
error) and each note marker a ``@type`` the schemas refuse, so at 10 MB the invalid file
has about 38,000 diagnostics. Both are
validated in-process against teikit's customization (RELAX NG with the default engine,
plus Schematron), without the result cache; the script prints seconds, the number of
diagnostics, and the invalid/valid ratio, which stays near 1-2 when error reporting is
linear.

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
    print(f"{'MB':>5} {'base s':>8} {'diags':>6} {'invalid s':>9} {'diags':>7} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            text = generate(int(mb * 1_000_000))
            valid, invalid = Path(tmp) / f"valid-{mb}.xml", Path(tmp) / f"invalid-{mb}.xml"
            valid.write_text(text, encoding="utf-8")
            invalid.write_text(invalidate(text), encoding="utf-8")
            t_valid, n_valid = timed(valid)
            t_invalid, n_invalid = timed(invalid)
            print(f"{mb:>5g} {t_valid:>8.2f} {n_valid:>6} {t_invalid:>9.2f} {n_invalid:>7} "
                  f"{t_invalid / t_valid:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
