"""The Prefect flow in ephemeral mode, and the command line."""
import pandas as pd
import pytest

from pipeline.cli import main


@pytest.fixture(scope="module")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness():
        yield


def test_flow_ingests_isolates_errors_and_skips_on_rerun(prefect_harness, tmp_path, seeds):
    from flows.ingest_flow import ingest_flow

    folder = tmp_path / "in"
    folder.mkdir()
    for seed in seeds:
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "scan.tiff").write_bytes(b"II*\x00")
    out = tmp_path / "out"

    summary = ingest_flow(paths=[str(folder)], out=str(out), batch_size=2)
    assert summary.processed == len(seeds) + 1
    assert [p for p, _ in summary.errors] == [str(folder / "scan.tiff")]
    docs = pd.read_parquet(out / "documents.parquet")
    assert len(docs) == len(seeds) + 1

    again = ingest_flow(paths=[str(folder)], out=str(out), batch_size=2)
    assert again.skipped == len(seeds) + 1 and again.processed == 0  # the unchanged bad file would fail again
    assert len(pd.read_parquet(out / "documents.parquet")) == len(seeds) + 1


def test_cli_loop_engine_then_evaluate(tmp_path, seeds, capsys):
    from tests.conftest import GOLD

    assert main(["run", str(seeds[0].parent), "--out", str(tmp_path), "--engine", "loop"]) == 0
    assert main(["evaluate", "--gold", str(GOLD), "--out", str(tmp_path)]) == 0
    report = capsys.readouterr().out
    assert "documents.issuer" in report and "citations" in report


def test_cli_missing_path_and_missing_dataset(tmp_path):
    assert main(["run", str(tmp_path / "nope"), "--out", str(tmp_path), "--engine", "loop"]) == 2
    assert main(["evaluate", "--gold", str(tmp_path), "--out", str(tmp_path / "empty")]) == 2


def test_evaluate_does_not_import_prefect(tmp_path, seeds):
    import subprocess
    import sys

    from tests.conftest import GOLD, ROOT

    main(["run", str(seeds[0]), "--out", str(tmp_path), "--engine", "loop"])
    code = (
        "import sys; from pipeline.cli import main; "
        f"main(['evaluate', '--gold', r'{GOLD}', '--out', r'{tmp_path}']); "
        "assert 'prefect' not in sys.modules, 'evaluate imported prefect'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)
