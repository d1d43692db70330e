"""The audit report as a person opens it: built by `vanban report`, driven in headless
Chromium from disk (no server). Screenshots of the index, a document and the graph go to
$VANBAN_SCREENSHOTS (or a temporary folder), printed by the test."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.runner import run_loop
from pipeline.report.marks import Mark, document_marks, marked_lines
from tests.conftest import DEV, dev_text_layer_documents

VANBAN = str(Path(sys.executable).with_name("vanban"))


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver

    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver_path):
        pytest.fail("Chromium and its driver are not installed: run `make setup`")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver_path))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _site(corpus: list[Path], folder: Path) -> Path:
    out = folder / "out"
    run_loop(corpus, out)
    result = subprocess.run([VANBAN, "report", "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


def _errors(browser) -> list[dict]:
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def test_the_report_of_the_seeds_in_a_browser(browser, seeds, tmp_path):
    from selenium.webdriver.common.by import By

    shots = Path(os.environ.get("VANBAN_SCREENSHOTS") or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots in {shots}")
    out = _site(seeds, tmp_path)
    site = out / "report"
    documents = pd.read_parquet(out / "documents.parquet")

    browser.get((site / "index.html").as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "#documents tbody tr")
    assert len(rows) == len(documents)
    browser.save_screenshot(str(shots / "index.png"))
    symbol_header = browser.find_elements(By.CSS_SELECTOR, "#documents thead th")[1]
    symbol_header.click()  # sorts by symbol
    assert "sorted-asc" in symbol_header.get_attribute("class")
    browser.find_element(By.CSS_SELECTOR, "input.filter").send_keys("Ban Chỉ đạo")
    shown = [r for r in browser.find_elements(By.CSS_SELECTOR, "#documents tbody tr") if r.is_displayed()]
    assert 0 < len(shown) < len(documents)

    # the plan with most rows: every kind of span is marked on its text
    busiest = pd.read_parquet(out / "assignments.parquet").doc_id.value_counts().index[0]
    browser.get((site / "documents" / f"{busiest}.html").as_uri())
    kinds = browser.find_element(By.CSS_SELECTOR, "div.text").get_attribute("data-kinds").split()
    assert set(kinds) >= {"citation", "assignment", "unit", "deadline"}
    labels = {e.text.split()[0] for e in browser.find_elements(By.CSS_SELECTOR, "div.text .spans a")}
    assert labels  # each mark carries a link to its row
    browser.save_screenshot(str(shots / "document.png"))

    # a citation mark leads to its row, and the row's evidence link back to the marked line
    citation = browser.find_element(By.CSS_SELECTOR, "div.text .spans a[href^='#c-']")
    anchor = citation.get_attribute("href").split("#", 1)[1]
    browser.execute_script("arguments[0].click()", citation)
    assert browser.current_url.endswith(f"#{anchor}")
    row = browser.find_element(By.ID, anchor)
    evidence = row.find_element(By.CSS_SELECTOR, "a.evidence")
    line = evidence.get_attribute("href").split("#", 1)[1]
    evidence.click()
    assert browser.current_url.endswith(f"#{line}")
    assert browser.find_element(By.ID, line).find_elements(By.CSS_SELECTOR, f"a[href='#{anchor}']")
    assert _errors(browser) == []

    # the corpus graph: nodes drawn, zoomable, a document node opens its page
    browser.get((site / "graph.html").as_uri())
    nodes = browser.find_elements(By.CSS_SELECTOR, ".graph svg g.node")
    assert len(nodes) > len(documents)
    svg = browser.find_element(By.CSS_SELECTOR, ".graph svg")
    view_box = lambda: browser.execute_script("return arguments[0].getAttribute('viewBox')", svg)  # noqa: E731
    before = view_box()
    browser.execute_script("arguments[0].dispatchEvent(new WheelEvent('wheel', {deltaY: -100, clientX: 300, "
                           "clientY: 300, bubbles: true, cancelable: true}))", svg)
    assert before and view_box() != before
    browser.save_screenshot(str(shots / "graph.png"))
    link = browser.find_element(By.CSS_SELECTOR, ".graph svg g.node.document a")
    href = browser.execute_script("return arguments[0].getAttribute('xlink:href') || arguments[0].getAttribute('href')",
                                  link)
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))",
                           link)
    assert browser.current_url.split("/")[-1] == href.split("/")[-1]
    assert "documents/" in browser.current_url
    assert _errors(browser) == []

    # a unit's page: its tasks, the overdue first
    browser.get((site / "units" / "index.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, "#units tbody tr a").click()
    standings = [r.find_element(By.TAG_NAME, "td").text for r in browser.find_elements(By.CSS_SELECTOR, "#tasks tbody tr")]
    assert standings
    order = ["quá hạn", "trong tháng", "sắp tới", "định kỳ", "thường xuyên", "không nêu hạn"]
    assert [order.index(s) for s in standings] == sorted(order.index(s) for s in standings)
    assert _errors(browser) == []


@pytest.mark.skipif(not DEV.is_dir(), reason="the development corpus is beside the checkout in ../shared")
def test_the_report_of_the_dev_corpus_lists_and_opens_every_document(browser, tmp_path):
    from selenium.webdriver.common.by import By

    corpus = dev_text_layer_documents()
    out = _site(corpus, tmp_path)
    documents = pd.read_parquet(out / "documents.parquet")
    browser.get((out / "report" / "index.html").as_uri())
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#documents a.document")]
    assert len(links) == len(documents)
    for href in links:
        browser.get(href)
        assert browser.find_element(By.CSS_SELECTOR, "div.text")
    assert _errors(browser) == []


@pytest.mark.parametrize("text, marks, expected", [
    # a mark over two lines is drawn on each; a line without one stays plain
    ("Căn cứ Nghị quyết số 57-NQ/TW\nngày 22/12/2024;\nĐiều 1.", [Mark(7, 46, "căn cứ", "c-x-c001", "c001")],
     [True, True, False]),
    ("Giao Công an phường chủ trì", [], [False]),
])
def test_marks_follow_the_lines_they_cover(text, marks, expected):
    assert [line.marked for line in marked_lines(text, marks)] == expected


def test_a_unit_and_a_deadline_are_found_inside_their_assignment_whatever_the_spacing():
    text = "1. Phòng Văn hóa -  Xã hội\nchủ trì, báo cáo trước ngày 15/12/2026."
    assignment = {"assignment_id": "d-a001", "start": 0, "end": len(text), "lead_raw": "Phòng Văn hóa - Xã hội",
                  "deadline_raw": "trước ngày 15/12/2026", "support_raw": []}
    marks = document_marks(text, [], [], [assignment])
    found = {m.label: text[m.start:m.end] for m in marks}
    assert found["chủ trì"] == "Phòng Văn hóa -  Xã hội" and found["thời hạn"] == "trước ngày 15/12/2026"


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_a_scanned_document_shows_the_region_of_the_page_its_evidence_stands_on(tmp_path):
    from PIL import Image

    from bench.fixtures import pdf_to_scan, text_to_pdf
    from pipeline.report.site import build_site
    from test_scans import PAGE

    text_to_pdf(PAGE, tmp_path / "digital.pdf")
    pdf_to_scan(tmp_path / "digital.pdf", tmp_path / "scan.pdf", seed=3)
    out = tmp_path / "out"
    run_loop([tmp_path / "scan.pdf"], out)
    documents = pd.read_parquet(out / "documents.parquet")
    assert list(documents.source_format) == ["pdf_ocr"]
    build_site(out, tmp_path / "site")
    page = (tmp_path / "site" / "documents" / f"{documents.doc_id[0]}.html").read_text(encoding="utf-8")
    regions = sorted((tmp_path / "site" / "documents" / "img").glob("*.png"))
    assert regions and all(f'src="img/{p.name}"' in page for p in regions)
    citation = next(p for p in regions if "-c-" in p.name)
    width, height = Image.open(citation).size
    assert width > 3 * height  # a line or two of the page, not the page
