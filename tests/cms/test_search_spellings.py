"""The library's search forgives how Vietnamese is typed: tone-mark placement, case,
decomposed Unicode, missing marks and đ, on SQLite and on PostgreSQL (the suite runs on
both); exact spellings rank first; editors' promotions come first; searches are logged."""

import unicodedata

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from cms.search_text import canonical, fold
from tests.factories.cms import add_material, build_site, paragraph

pytestmark = pytest.mark.django_db

NEW_STYLE = "Nhận diện ma tuý núp bóng bánh kẹo"
OLD_STYLE = "Phòng chống ma túy trong trường học"
NO_MARKS = "Ma tuy: hoi va dap"
BULLYING = "Bạo lực học đường: nhận biết và lên tiếng"
ONLINE = "Khi bạn bị bắt nạt trên mạng"
OTHERS = ["Chạm an toàn", "Mã độc và mật khẩu"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def library():
    site = build_site(languages=("vi", "en"))
    library = site.libraries["vi"]
    add_material(library, title=NEW_STYLE, topic="drug_prevention")
    # An editor pasted decomposed text: it is found all the same.
    add_material(
        library,
        title=nfd(OLD_STYLE),
        intro=nfd("Giúp học sinh nói không với ma túy."),
        topic="drug_prevention",
    )
    add_material(library, title=NO_MARKS, topic="drug_prevention")
    add_material(
        library,
        title=BULLYING,
        intro="Nhận biết, can thiệp và phòng ngừa.",
        body=[paragraph("<p>Khi bạn thấy bạo lực học đường, hãy báo thầy cô.</p>")],
        topic="abuse_prevention",
    )
    add_material(
        library,
        title=ONLINE,
        intro="Bị chế giễu, đe doạ trên mạng xã hội.",
        body=[paragraph("<p>Lưu bằng chứng, chặn và kể với người lớn.</p>")],
        topic="online_safety",
    )
    for title in OTHERS:
        add_material(library, title=title)
    add_material(site.libraries["en"], title="Drugs in sweets (ma túy)", topic="drug_prevention")
    return library


def titles(response) -> list[str]:
    return [unicodedata.normalize("NFC", m.title) for m in response.context["materials"]]


DRUG_SPELLINGS = ["ma túy", "ma tuý", "MA TUÝ", "Ma Túy", nfd("ma túy"), nfd("ma tuý"), "ma tuy"]
SPELLINGS = {
    **{query: [NEW_STYLE, OLD_STYLE, NO_MARKS] for query in DRUG_SPELLINGS},
    **{
        query: [BULLYING]
        for query in [
            "bạo lực học đường",
            "bao luc hoc duong",
            "BẠO LỰC HỌC ĐƯỜNG",
            nfd("bạo lực học đường"),
            "bao lực hoc đường",
            "Bạo   lực, học-đường!",
        ]
    },
    **{query: [ONLINE] for query in ["bắt nạt", "bat nat", "BẮT NẠT", nfd("bắt nạt"), "bat nạt"]},
}


def test_every_spelling_finds_the_same_materials(client, library):
    """One site for every spelling (building it is the slow part)."""
    wrong = {}
    for query, expected in SPELLINGS.items():
        response = client.get("/thu-vien/", {"q": query})
        assert response.status_code == 200
        if sorted(titles(response)) != sorted(expected):
            wrong[query] = titles(response)
    assert not wrong


def test_the_readers_exact_spelling_ranks_first(client, library):
    """Both tone placements are the same spelling; the text without marks comes after."""
    for query in ["ma túy", "ma tuý", "MA TUÝ", nfd("ma túy")]:
        found = titles(client.get("/thu-vien/", {"q": query}))
        assert sorted(found[:2]) == sorted([NEW_STYLE, OLD_STYLE]), query
        assert found[2] == NO_MARKS, query
    assert titles(client.get("/thu-vien/", {"q": "ma tuy"}))[0] == NO_MARKS


def test_searches_stay_in_the_readers_language(client, library):
    assert titles(client.get("/en/thu-vien/", {"q": "ma tuy"})) == ["Drugs in sweets (ma túy)"]


def test_matched_words_are_highlighted_as_they_are_spelled(client, library):
    page = client.get("/thu-vien/", {"q": "ma tuy"}).text
    assert "<mark>ma</mark> <mark>tuý</mark> núp bóng" in page
    assert "<mark>ma</mark> <mark>túy</mark>" in page  # the decomposed title, composed
    assert "<mark>Ma</mark> <mark>tuy</mark>: hoi va dap" in page
    assert "<mark>Mã</mark>" not in page  # "Mã độc" is another word, and not a match


def test_highlighting_escapes_the_text(client, library):
    add_material(library, title="<b>ma tuý</b> & kẹo")
    page = client.get("/thu-vien/", {"q": "ma tuy"}).text
    assert "&lt;b&gt;<mark>ma</mark> <mark>tuý</mark>&lt;/b&gt; &amp; kẹo" in page


def test_promoted_results_come_first_in_any_spelling_and_once(client, library):
    bullying = library.get_children().get(title=BULLYING)
    drugs = library.get_children().get(title=NO_MARKS)
    query = Query.get("ma túy")  # the editor types the old placement
    SearchPromotion.objects.create(query=query, page=bullying, sort_order=0, description="Xem")
    SearchPromotion.objects.create(query=query, page=drugs, sort_order=1)
    response = client.get("/thu-vien/", {"q": "MA TUY"})
    promoted = [p.page.title for p in response.context["promoted"]]
    assert promoted == [BULLYING, NO_MARKS]
    assert NO_MARKS not in titles(response)  # not listed twice
    text = response.text
    assert text.index(BULLYING) < text.index("Nhận diện")
    # Only on the first page of results, and never for another query.
    assert not client.get("/thu-vien/", {"q": "bat nat"}).context.get("promoted")


def test_searches_are_logged_once_per_search_in_canonical_spelling(client, library):
    for query in ["ma túy", "MA TUÝ", nfd("ma tuý")]:
        client.get("/thu-vien/", {"q": query})
    client.get("/thu-vien/", {"q": "ma túy", "page": "2"})  # a further page of the same
    client.get("/thu-vien/", {"topic": "drug_prevention"})  # no words: nothing to log
    assert {q.query_string: q.hits for q in Query.objects.all()} == {"ma tuý": 3}


def test_a_search_page_runs_a_bounded_number_of_queries(
    client, library, django_assert_max_num_queries
):
    client.get("/thu-vien/", {"q": "ma tuy"})  # warm Wagtail's site and locale caches
    for number in range(10):
        add_material(library, title=f"Ma tuý {number}")
    with django_assert_max_num_queries(16):
        response = client.get("/thu-vien/", {"q": "ma tuy"})
    assert len(titles(response)) == 12


@pytest.mark.postgres
def test_one_mistyped_letter_still_finds_it_on_postgresql(client, library):
    for query in ["ma tuyy", "mma tuy", "ma túyy"]:
        response = client.get("/thu-vien/", {"q": query})
        assert {NEW_STYLE, OLD_STYLE, NO_MARKS} <= set(titles(response)), query
        assert not set(OTHERS) & set(titles(response)), query
        assert "gần giống" in response.text, query


ODD_QUERIES = [
    "",
    "   ",
    "🙂🔥💊",
    "'; DROP TABLE wagtailcore_page; --",
    "ma.*tuy (a|b) [x] ^$ \\d+",
    'NEAR("ma" "tuy") AND OR NOT *',
    "ma túy تصفح آمن Наркотики 毒品",
    "\u0301\u0303\u0323",
    "đ" * 199,
]


def test_odd_input_gives_a_clear_page(client, library):
    for query in ODD_QUERIES:
        response = client.get("/thu-vien/", {"q": query})
        assert response.status_code == 200, query
        assert "<h1" in response.text, query
    too_long = client.get("/thu-vien/", {"q": "ma tuý " * 30})
    assert too_long.status_code == 200
    assert "ngắn hơn" in too_long.text


def test_folding_and_canonical_spelling():
    assert {canonical(s) for s in ["hòa", "hoà", "HOÀ", nfd("hòa")]} == {"hoà"}
    assert {canonical(s) for s in ["khỏe", "khoẻ"]} == {"khoẻ"}
    assert {canonical(s) for s in ["ủy ban", "uỷ ban"]} == {"uỷ ban"}
    # A closed syllable is spelled one way only and stays as it is.
    assert canonical("hoàng huỳnh thuyền") == "hoàng huỳnh thuyền"
    assert fold("Đường ĐI bạo lực") == "duong di bao luc"
