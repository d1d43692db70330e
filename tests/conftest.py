"""Shared fixtures. Prefect is pointed at a throwaway home before anything imports it."""
import os
import tempfile
from pathlib import Path

os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="vanban-prefect-"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "data" / "raw").glob("*.txt"))
GOLD = ROOT / "tests" / "fixtures" / "gold"
SHARED = ROOT.parent / "shared"  # the development corpora, beside the checkout (never copied into it)
DEV = SHARED / "corpus" / "dev"
DEV_SCANS = ("-scan.pdf", "-notext.pdf")


def dev_text_layer_documents() -> list[Path]:
    """The development corpus without its two scans (their OCR costs minutes: benchmarks read them)."""
    return sorted(p for p in DEV.glob("d*") if not p.name.endswith(DEV_SCANS))


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    assert SEEDS, "the sample corpus is missing from data/raw"
    return SEEDS


@pytest.fixture(scope="session")
def structures(seeds):
    """Each seed's DocumentStructure, keyed by file stem."""
    from pipeline.normalize import normalize
    from pipeline.readers import read_document
    from pipeline.structure import parse_structure

    return {p.stem: parse_structure(normalize(read_document(p))) for p in seeds}
