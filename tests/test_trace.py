"""`vanban trace` over the seed corpus."""
import json

import pytest

from pipeline.cli import main
from pipeline.runner import run_loop


@pytest.fixture(scope="module")
def dataset(tmp_path_factory, seeds):
    out = tmp_path_factory.mktemp("trace")
    run_loop([seeds[0].parent], out)
    return out


def test_down_from_57_lists_every_seed(dataset, seeds, capsys):
    assert main(["trace", "57-NQ/TW", "--down", "--json", "--out", str(dataset)]) == 0
    trees = json.loads(capsys.readouterr().out)
    assert len(trees) == 1 and trees[0]["key"] == "57-nq/tw|2024"
    reached = sorted(d["source_path"].rsplit("/", 1)[-1] for d in trees[0]["documents"])
    assert reached == sorted(p.name for p in seeds)


def test_up_from_11_follows_derived_edges(dataset, capsys):
    assert main(["trace", "11/NQ/CP", "--up", "--out", str(dataset)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Nghị quyết 11/NQ-CP, 2026-01-14, Chính phủ")
    assert "amends: Nghị quyết 71/NQ-CP, 2025-04-01" in lines[1]
    assert "implements: Nghị quyết 57-NQ/TW, 2024-12-22" in lines[2]


def test_relation_filter_and_unknown_key(dataset, capsys):
    assert main(["trace", "57-NQ/TW", "--down", "--relations", "supersedes", "--out", str(dataset)]) == 0
    assert "nothing found" in capsys.readouterr().out
    assert main(["trace", "999/XX-YY", "--out", str(dataset)]) == 1


def test_edges_table_has_one_row_per_edge(dataset):
    import pandas as pd

    edges = pd.read_parquet(dataset / "edges.parquet")
    assert not edges.duplicated(["src_key", "relation", "dst_key"]).any()
    shared = edges[(edges.src_symbol == "71/NQ-CP") & (edges.dst_symbol == "57-NQ/TW")].iloc[0]
    assert shared.derived and len(shared.doc_ids) == 4


def test_a_rerun_keeps_the_resolved_keys(dataset, seeds):
    import duckdb

    run_loop([seeds[0].parent], dataset)  # everything skipped; the corpus stage runs again
    con = duckdb.connect(str(dataset / "vanban.duckdb"), read_only=True)
    undated = con.execute("SELECT count(*) FROM edges WHERE dst_key = '57-nq/tw|?' OR src_key = '57-nq/tw|?'")
    assert undated.fetchone()[0] == 0
