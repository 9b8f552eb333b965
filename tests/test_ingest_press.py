"""Press releases: the organisation that writes one calls itself "当社" or "本学", names
companies by their legal form (株式会社…, ㈜…) and partners by short names (東海大, 대전시),
and counts its partners ("3者", "세 기관"). Expectations read off
``tests/articles/{ja,ko}_press.txt`` by hand."""

from __future__ import annotations

from coopgraph.index import Index
from ingest_reading import read


def test_japanese_press_release(index: Index) -> None:
    """An article of 2025-12-03."""
    company, nict = "株式会社ミライ量子", "情報通信研究機構"
    tokai, munich = "東海大学", "ミュンヘン工科大学"
    assert read(index, "ja_press.txt") == [
        # "株式会社ミライ量子（本社：…）は、国立研究開発法人情報通信研究機構（NICT）および
        # 国立大学法人東海大学と": the company, and names without their legal form
        ("research-cooperation-agreement", "signed", "2025-12-01",
         [(company, None), (nict, None), (tokai, None)]),
        # "また当社は、独ミュンヘン工科大学との間で、…締結に向けた協議を進めております"
        ("research-cooperation-agreement", "proposed", None, [(company, None), (munich, "DE")]),
        # "東海大とミュンヘン工科大学は同日、2019年に結んだ…覚書を更新した": 東海大 is the
        # university told before; renewed the same day, not in 2019
        ("mou", "signed", "2025-12-01", [(tokai, None), (munich, None)]),
        # "3者は来年4月に共同研究ラボを設ける予定だ": the three of the first statement
        ("joint-programme", "planned", "2026-04", [(company, None), (nict, None), (tokai, None)]),
        # "両大学は年内に作業部会を設置し、トヨタ自動車も参加する予定だ": the two
        # universities (not the two parties named first), and Toyota joining them; cited
        # and dated as the statement that named the two
        ("working-group", "planned", "2025-12-01",
         [(tokai, None), (munich, None), ("トヨタ自動車", None)]),
    ]  # fmt: skip


def test_korean_press_release(index: Index) -> None:
    """An article of 2025-06-20."""
    city, kaist, startup = "대전광역시", "한국과학기술원", "㈜큐빗랩스"
    assert read(index, "ko_press.txt") == [
        # "대전광역시는 … 한국과학기술원(KAIST), ㈜큐빗랩스와 … 업무협약을 체결했다"
        ("mou", "signed", "2025-06-18", [(city, None), (kaist, None), (startup, None)]),
        # "대전시와 KAIST는 같은 날 2020년 맺은 … 협약을 갱신했다": 대전시 is 대전광역시;
        # renewed the same day
        ("research-cooperation-agreement", "signed", "2025-06-18", [(city, None), (kaist, None)]),
        # "세 기관은 내년부터 공동 창업 프로그램을 운영할 예정이다": the three, though the
        # statement just before has two; from next year, its own date
        ("joint-programme", "planned", "2026",
         [(city, None), (kaist, None), (startup, None)]),
        # "공동연구센터를 개소할 계획이다": the centre they open is no party of its own
        ("joint-programme", "planned", "2025-12", [("고려대학교", None), ("포스코홀딩스", None)]),
    ]  # fmt: skip
