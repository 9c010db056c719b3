"""How fast is `teikit validate` on the edition, next to Jing on the same files?

Run: .venv/bin/python benchmarks/validate_bench.py [EDITION] [--runs N]

Prints wall-clock seconds (best of N runs) for:
  - Jing alone, as Debian's `jing` command and as `java -cp jing.jar` with default JVM options,
    with teikit.rng and tei_all.rng;
  - `teikit validate` as a fresh process: cold (--no-cache) with the default engine (Jing),
    with --engine lxml, and warm (result cache filled by the previous run);
  - in-process parts: lxml compiling tei_all.rng, lxml validating, Schematron compile + run.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _timing import best
from lxml import etree, isoschematron

from teikit import paths, xmlio
from teikit.validate import jing, schemas


def run(cmd: list[str]) -> Callable[[], object]:
    return lambda: subprocess.run(cmd, capture_output=True, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", nargs="?", default=str(paths.EDITION))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    edition = Path(args.edition)
    teikit = [str(Path(sys.executable).parent / "teikit"), "validate"]
    java = [shutil.which("java") or "java", "-cp", str(jing.jar()), jing.DRIVER]  # default JVM options
    rows: list[tuple[str, float]] = []
    print(f"edition: {edition} ({edition.stat().st_size // 1024} KiB), best of {args.runs} runs", flush=True)

    for label, rng in (("teikit.rng", schemas.TEIKIT_RNG), ("tei_all.rng", schemas.TEI_ALL)):
        if Path("/usr/bin/jing").exists():
            debian = run(["/usr/bin/jing", str(rng), str(edition)])
            rows.append((f"jing command (Debian), {label}", best(debian, args.runs)))
        plain = run([*java, str(rng), str(edition)])
        rows.append((f"Jing alone (java -cp jing.jar), {label}", best(plain, args.runs)))
    for schema in ("teikit", "tei_all"):
        rows.append((f"teikit validate --schema {schema}, cold (Jing)",
                     best(run([*teikit, "--no-cache", "--schema", schema, str(edition)]), args.runs)))
        # Warm: the first call fills the cache under .cache/validate, the timed ones hit it.
        subprocess.run([*teikit, "--schema", schema, str(edition)], capture_output=True, check=False)
        rows.append((f"teikit validate --schema {schema}, warm cache",
                     best(run([*teikit, "--schema", schema, str(edition)]), args.runs)))
    lxml_cmd = [*teikit, "--no-cache", "--engine", "lxml", "--schema", "tei_all", str(edition)]
    rows.append(("teikit validate --schema tei_all --engine lxml, cold", best(run(lxml_cmd), 1)))

    tree = xmlio.parse_file(edition)
    start = time.perf_counter()
    grammar = etree.RelaxNG(xmlio.parse_file(schemas.TEI_ALL))
    rows.append(("in-process: lxml compiles tei_all.rng", time.perf_counter() - start))
    validating = best(lambda: grammar.validate(tree), args.runs)
    rows.append(("in-process: lxml validates (compiled tei_all)", validating))
    start = time.perf_counter()
    sch = isoschematron.Schematron(xmlio.parse_file(schemas.TEIKIT_SCH), store_report=True)
    rows.append(("in-process: Schematron compile (teikit.sch)", time.perf_counter() - start))
    rows.append(("in-process: Schematron run on the edition", best(lambda: sch.validate(tree), args.runs)))

    width = max(len(label) for label, _ in rows)
    for label, seconds in rows:
        print(f"{label:<{width}}  {seconds:7.3f} s")


if __name__ == "__main__":
    main()
