"""Hostile shapes at scale: does every command end, in time linear in the input, or refuse it with a message?

Each case is a TEI file of one extreme shape, generated at two scales (a tenth, then the full
case) so that a time per unit that grows between them shows a path that is not linear:

    huge-p        one paragraph of 9.5 MB: one text node (under libxml2's 10 MB per text node)
    huge-p-inline one paragraph of 10 MB made of 400,000 short runs of text and <hi>
    divisions     100,000 tiny divisions (a head and a sentence each)
    notes         200,000 footnotes in 2,000 paragraphs
    persons       50,000 persons in a personography, each named once in the text
    deep          divisions nested 5,000 deep (refused: teikit reads at most 256 levels)
    deep-255      divisions nested 250 deep (under the limit: must be built)
    big-attr      a 9.9 MB attribute value (@rend) and a @target of 500,000 pointers
    tiny          2,000,000 empty elements (<lb/>, <pb/>, <c/>) in 20,000 paragraphs
    deep-inline   phrases nested 250 deep (<hi> in <hi>: the inline templates recurse), 500 times
    namespaces    20,000 namespace prefixes declared on elements of other vocabularies
    many-attrs    200,000 elements, each with a 40-character @rend, @n and @xml:lang

Every command runs as a user runs it, a process each, from a temporary folder (no project
settings): validate --schema tei_all, check, build html, build epub, build csv, cite and
deposit (after the builds). Per case, scale and command the script prints wall and CPU
seconds, peak memory, the exit status, the first line naming an error when the exit status
is 2 or 3 (a refusal must say what and where), and whether a Python traceback reached the
user (it never may). After both scales, the full case's time over ten times the tenth's:
near 1 is linear, "GROWS" above 1.5. A command that runs longer than --timeout is stopped
and reported.

    .venv/bin/python benchmarks/hostile_scale_bench.py                  # every case
    .venv/bin/python benchmarks/hostile_scale_bench.py --cases notes persons --commands check build-html

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import scale_bench  # a sibling script: benchmarks/ is sys.path[0]

from teikit import paths

TEIKIT = Path(sys.executable).with_name("teikit")
# scale_bench's commands, validation against tei_all only (the shapes here are not teikit's schema's)
COMMANDS: dict[str, list[str]] = {("validate" if name == "validate-tei_all" else name): args
                                  for name, args in scale_bench.COMMANDS.items() if name != "validate"}
GROWTH_LIMIT = scale_bench.GROWTH_LIMIT
WORDS = "the secretaries of the Central Committee worked in a few rooms of the old building "


def tei(body: str, back: str = "", standoff: str = "") -> str:
    """A TEI document around ``body`` with a header that can be cited and deposited."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">'
        "<teiHeader><fileDesc><titleStmt><title>Hostile</title></titleStmt><publicationStmt>"
        '<publisher>teikit benchmarks</publisher><idno type="teikit">hostile</idno>'
        '<date when="2026-01-01">2026</date></publicationStmt><sourceDesc><p>generated</p></sourceDesc>'
        f"</fileDesc></teiHeader>{standoff}<text><body>{body}</body>"
        f"{f'<back>{back}</back>' if back else ''}</text></TEI>\n")


def huge_p(scale: float) -> str:
    n = int(9_500_000 * scale) // len(WORDS)
    return tei(f"<div><head>One paragraph</head><p>{WORDS * n}</p></div>")


def huge_p_inline(scale: float) -> str:
    n = int(400_000 * scale)
    return tei("<div><head>One paragraph</head><p>" + "x y <hi>z</hi> " * n + "</p></div>")


def divisions(scale: float) -> str:
    n = int(100_000 * scale)
    return tei("".join(f'<div xml:id="d{i}"><head>D{i}</head><p>Text {i}.</p></div>' for i in range(n)))


def notes(scale: float) -> str:
    paras = int(2_000 * scale)
    para = "<p>" + "".join(f'w{k} <note place="foot">n{k}</note> ' for k in range(100)) + "</p>"
    return tei("".join(f"<div><head>Part {d}</head>{para * 10}</div>" for d in range(paras // 10)))


def persons(scale: float) -> str:
    n = int(50_000 * scale)
    people = "".join(f'<person xml:id="pers{i}"><persName>Person {i}</persName></person>' for i in range(n))
    mentions = "".join(f'<p>We met <persName ref="#pers{i}">Person {i}</persName>.</p>' for i in range(n))
    return tei(f"<div><head>People</head>{mentions}</div>",
               standoff=f"<standOff><listPerson>{people}</listPerson></standOff>")


def nested(depth: int) -> str:
    return tei("<div><head>d</head>" * depth + "<p>deep</p>" + "</div>" * depth)


def deep(scale: float) -> str:
    return nested(int(5_000 * scale))


def deep_255(scale: float) -> str:
    return nested(int(250 * scale))


def big_attr(scale: float) -> str:
    n = int(500_000 * scale)
    targets = " ".join(["#t"] * n)
    return tei(f'<div><head>Attributes</head><p xml:id="t" rend="{"r" * int(9_900_000 * scale)}">text</p>'
               f'<p><ref target="{targets}">many</ref></p></div>')


def tiny(scale: float) -> str:
    paras = int(20_000 * scale)
    para = "<p>" + '<lb/><c>x</c>' * 40 + "a<pb/>" * 20 + "</p>"  # 100 elements a paragraph
    return tei("".join(f"<div><head>Part {d}</head>{para * 100}</div>" for d in range(paras // 100)))


def deep_inline(scale: float) -> str:
    n = max(1, int(500 * scale))
    phrase = '<hi rend="italic">w ' * 250 + "deep" + "</hi>" * 250
    return tei("<div><head>Nested phrases</head>" + f"<p>{phrase}</p>" * n + "</div>")


def namespaces(scale: float) -> str:
    n = int(20_000 * scale)
    return tei("<div><head>Namespaces</head>" + "".join(
        f'<p>w <hi xmlns:n{i}="urn:x:{i}" n{i}:a="v">z</hi> <n{i}:x xmlns:n{i}="urn:y:{i}">q</n{i}:x></p>'
        for i in range(n)) + "</div>")


def many_attrs(scale: float) -> str:
    n = int(200_000 * scale)
    return tei("<div><head>Attributes</head>" + "".join(
        f'<p n="{i}" xml:lang="en" rend="{"r" * 40}">w {i}</p>' for i in range(n)) + "</div>")


CASES: dict[str, Callable[[float], str]] = {
    "huge-p": huge_p, "huge-p-inline": huge_p_inline, "divisions": divisions, "notes": notes,
    "persons": persons, "deep": deep, "deep-255": deep_255, "big-attr": big_attr,
    "tiny": tiny, "deep-inline": deep_inline, "namespaces": namespaces, "many-attrs": many_attrs,
}


def run(argv: list[str], cwd: Path, timeout: float) -> tuple[float, float, float, int | None, str]:
    """One process: (wall s, CPU s, peak RSS MiB, exit status or None when stopped, its output)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        # the report (stdout) and the diagnostics (stderr) together: a refusal may be in either
        proc = subprocess.Popen(argv, cwd=cwd, stdout=err, stderr=err, start_new_session=True)
        code: int | None = None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                proc.returncode = code
                break
            if time.perf_counter() - start > timeout:
                os.killpg(proc.pid, signal.SIGKILL)  # the command and the children it started
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES), metavar="NAME",
                        help=f"among {', '.join(CASES)} [default: all]")
    parser.add_argument("--commands", nargs="+", choices=list(COMMANDS), default=list(COMMANDS),
                        metavar="NAME", help=f"among {', '.join(COMMANDS)} [default: all]")
    parser.add_argument("--scales", type=float, nargs="+", default=[0.1, 1.0],
                        help="fractions of each case [default: 0.1 1]")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a command is stopped")
    args = parser.parse_args(argv)
    compileall.compile_dir(Path(paths.__file__).parent, quiet=1)
    load = os.getloadavg()
    print(f"{os.cpu_count()} cores; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    with tempfile.TemporaryDirectory(prefix="hostile-scale-") as tmp:
        work = Path(tmp)
        for case in args.cases:
            cpu: dict[str, dict[float, float]] = {c: {} for c in args.commands}
            for scale in args.scales:
                path = work / f"{case}-{scale:g}.xml"
                path.write_text(CASES[case](scale), "utf-8")
                out = work / f"out-{case}-{scale:g}"
                print(f"\n{case} x{scale:g}: {path.stat().st_size / 1e6:.2f} MB", flush=True)
                for name in args.commands:
                    command = [str(TEIKIT)] + [a.format(tei=path, out=out) for a in COMMANDS[name]]
                    wall, used, peak, code, err = run(command, work, args.timeout)
                    cpu[name][scale] = used
                    said = ""
                    if code in (2, 3):
                        first = next((ln.strip() for ln in err.splitlines() if "error" in ln), "(none)")
                        said = f"  says: {first}"
                    if "Traceback (most recent call last)" in err:
                        said += "  TRACEBACK"
                    status = "STOPPED" if code is None else f"exit {code}"
                    print(f"  {name:<11} wall {wall:7.2f} s  CPU {used:7.2f} s  peak {peak:6.0f} MiB  "
                          f"{status}{said[:200]}", flush=True)
                path.unlink()
                shutil.rmtree(out, ignore_errors=True)
            if len(args.scales) > 1:
                low, high = min(args.scales), max(args.scales)
                cells = []
                for name in args.commands:
                    ratio = (cpu[name][high] / high) / max(cpu[name][low] / low, 1e-9)
                    cells.append(f"{name} {ratio:.2f}{' GROWS' if ratio > GROWTH_LIMIT else ''}")
                print(f"  CPU per unit, x{high:g} over x{low:g}: " + ", ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
