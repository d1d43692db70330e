"""The scoring rules of the gold GUIDE, on small hand-made cases and on the seeds."""
import pytest

from pipeline.evaluate import (
    Score, evaluate, leads_agree, norm_symbol, score_assignments, score_citations, score_roles,
)
from pipeline.runner import run_loop
from tests.conftest import GOLD


def cit(symbol, relation="basis", **kw):
    return {"cited_symbol": symbol, "relation": relation, "cited_type": kw.get("type", "Nghị quyết"),
            "cited_date": kw.get("date"), "cited_issuer": kw.get("issuer")}


def test_symbol_normalization_keeps_dj():
    assert norm_symbol(" 57-NQ/TW ") == "57-nq/tw"
    assert norm_symbol("269/2025/NĐ-CP") != norm_symbol("269/2025/ND-CP")


def test_citations_match_on_symbol_and_relation():
    gold = [cit("57-NQ/TW", issuer="Bộ Chính trị", date="2024-12-22"), cit("71/NQ-CP", "reference")]
    output = [
        cit("57-nq/tw", issuer="Bộ Chính trị", date="2024-12-22"),
        cit("57-NQ/TW", "reference"),  # weaker duplicate: neither credited nor counted
        cit("57-NQ/TW", issuer="Bộ Chính trị", date="2024-12-22"),  # second mention, same relation
        cit("99/NQ-CP"),
    ]
    s = Score()
    score_citations(gold, output, s)
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)
    assert s.fields["cited_issuer"] == [1, 1]


def test_symbol_less_law_matches_on_type_and_date():
    gold = [{"cited_symbol": None, "relation": "basis", "cited_type": "Luật", "cited_date": "2025-06-16"}]
    output = [{"cited_symbol": None, "relation": "basis", "cited_type": "Luật", "cited_date": "2025-06-16"}]
    s = Score()
    score_citations(gold, output, s)
    assert s.tp == 1


def test_roles_need_position_and_similar_holder():
    gold = [{"position": "Trưởng ban", "holder": "Chủ tịch Ủy ban nhân dân phường", "person_name": None}]
    s = Score()
    score_roles(gold, [{"position": "trưởng ban", "holder": "Chủ tịch Ủy ban nhân dân phường Hải An"}], s)
    assert s.tp == 1
    s = Score()
    score_roles(gold, [{"position": "Phó Trưởng ban", "holder": "Chủ tịch Ủy ban nhân dân phường"}], s)
    assert (s.tp, s.fp, s.fn) == (0, 1, 1)


def test_leads_must_pair_one_to_one():
    assert leads_agree(["Công an phường"], ["Công an phường"])
    assert not leads_agree(["Công an phường"], ["Công an phường", "Phòng Văn hóa - Xã hội"])
    assert not leads_agree(["Công an phường", "Phòng Văn hóa - Xã hội"], ["Công an phường", "Công an phường"])


def test_assignment_fields_and_kinds():
    gold = [{"kind": "table_row", "task": "Bảo đảm an toàn, an ninh mạng trên nền tảng số", "lead": ["Công an phường"],
             "support": ["Các phòng, đơn vị thuộc phường"], "due_date": None, "recurrence": None, "ongoing": True}]
    out = [{"kind": "table_row", "task": "Bảo đảm an toàn, an ninh mạng trên nền tảng số và không gian mạng",
            "lead": ["Công an phường"], "support": ["Các phòng, đơn vị thuộc phường"], "due_date": None,
            "recurrence": None, "ongoing": True}]
    s, kinds = Score(), {}
    score_assignments(gold, out, s, kinds)
    assert s.tp == 1 and kinds["table_row"].tp == 1
    assert all(c == t for c, t in s.fields.values())


@pytest.mark.parametrize("stored_order", [(0, 1), (1, 0)])
def test_a_short_task_inside_a_longer_one_pairs_with_its_own_row_whatever_the_order(stored_order):
    def row(task, support):
        return {"kind": "duty", "task": task, "lead": ["Thanh tra tỉnh"], "support": support,
                "due_date": None, "recurrence": None, "ongoing": False}

    short = "Thanh tra đột xuất trong lĩnh vực khoáng sản."
    long = "Tăng cường thanh tra. Hằng năm xây dựng kế hoạch, thanh tra đột xuất trong lĩnh vực khoáng sản."
    gold = [row(short, ["Sở Tài chính"]), row(long, [])]
    candidates = [row(short, ["Sở Tài chính"]), row(long, [])]
    s = Score()
    score_assignments(gold, [candidates[i] for i in stored_order], s, {})
    assert s.tp == 2 and s.fields["support"] == [2, 2]


def test_seed_documents_score_full_on_header_fields(tmp_path, seeds):
    run_loop([seeds[0].parent], tmp_path)
    result = evaluate(GOLD, tmp_path)
    assert result["gold_documents"] == 5
    assert result["documents"]["tp"] == 5
    for name, accuracy in result["documents"]["fields"].items():
        assert accuracy >= 0.95, name


def test_missing_document_counts_against(tmp_path, seeds):
    run_loop([seeds[0]], tmp_path)
    result = evaluate(GOLD, tmp_path)
    assert result["documents"]["fn"] == 4
    assert result["documents"]["fields"]["title"] == pytest.approx(0.2)
