"""Shared fixtures: the `marsad` command line (to compare with) and the
development corpus. On CI (CI=true) both must exist: the tests fail rather
than skip."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "ant-v1.1-jawharafm.jsonl"


def _missing(what: str):
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing on CI")
    pytest.skip(f"{what} is missing")


@pytest.fixture(scope="session")
def cli() -> str:
    """Path of the marsad binary built from this tree."""
    cands = [os.environ.get("MARSAD_BIN")]
    target = os.environ.get("CARGO_TARGET_DIR")
    if target:
        cands.append(os.path.join(target, "release", "marsad"))
    cands += [str(REPO / "target" / "release" / "marsad"), shutil.which("marsad")]
    for c in cands:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    _missing("the marsad binary (cargo build --release -p marsad, or MARSAD_BIN)")


@pytest.fixture(scope="session")
def corpus_lines():
    """Lines of the ANT corpus (JSON Lines)."""
    if not CORPUS.exists():
        _missing(str(CORPUS))
    with open(CORPUS, encoding="utf-8") as f:
        return [l for l in f.read().split("\n") if l.strip()]


def run_cli(cli, *args, cwd=None, check=True):
    p = subprocess.run([cli, *args], cwd=cwd, capture_output=True, text=True)
    if check and p.returncode not in (0, 1):
        raise AssertionError(f"marsad {' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p


def cli_extract(cli, paths, cwd):
    p = run_cli(cli, "extract", "-q", "--threads", "1", *paths, cwd=cwd)
    return [json.loads(l) for l in p.stdout.splitlines() if l.strip()], p.stderr


def cli_incidents(cli, paths, cwd):
    db = os.path.join(cwd, "cli.db")
    run_cli(cli, "ingest", *paths, "--db", db, cwd=cwd)
    p = run_cli(cli, "events", "--db", db, "--json", "-n", "100000000", cwd=cwd)
    out = json.loads(p.stdout)["incidents"]
    for i in out:
        i.pop("updated_at", None)
    return sorted(out, key=lambda i: i["id"])
