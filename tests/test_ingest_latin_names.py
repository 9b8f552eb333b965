"""Names in English and German news: where "and" parts two names and where it is inside
one, companies by their legal form, German names in English text, a brand standing for its
company and a name's word only as an owner. Expectations read off
``tests/articles/{en,de}_names.txt`` by hand; both articles are of 2025-05-14."""

from __future__ import annotations

from coopgraph.index import Index
from ingest_reading import read


def test_english_names(index: Index) -> None:
    helix, strathclyde = "Helix Biosystems Inc.", "University of Strathclyde"
    assert read(index, "en_names.txt") == [
        ("research-cooperation-agreement", "signed", "2025-05-13",
         [(helix, None), (strathclyde, None)]),
        # "Helix also signed … with Japan Science and Technology Agency (JST)": the brand is
        # the company; the agency's "and" is inside its name
        ("loi", "signed", "2025-05-07",
         [(helix, None), ("Japan Science and Technology Agency", None)]),
        # "Strathclyde's strategic partnership with the National Physical Laboratory"
        ("partnership", None, None, [(strathclyde, None), ("National Physical Laboratory", None)]),
        # "by LNE, PTB, NPL and Canada's National Research Council (NRC)": four
        ("loi", "signed", "2024",
         [("LNE", None), ("PTB", None), ("NPL", None), ("National Research Council", "CA")]),
        # a company word, and a German name in English text; "next month" of an article
        # of May 2025
        ("mou", "planned", "2025-06",
         [("Hyundai Motor Company", "KR"), ("Fraunhofer-Gesellschaft", "DE")]),
        ("mou", "signed", "2025-03",
         [("Infineon Technologies", None), ("A*STAR's Institute of Microelectronics", None)]),
        # "LNE is negotiating …": LNE, a party before; an Italian name with its small words
        ("research-cooperation-agreement", "proposed", None,
         [("LNE", None), ("Istituto Nazionale di Ricerca Metrologica", "IT")]),
    ]  # fmt: skip


def test_german_names(index: Index) -> None:
    assert read(index, "de_names.txt") == [
        # "mit der RWTH Aachen University und der Siemens Energy AG … zusammen"
        ("partnership", "active", "2020",
         [("Fraunhofer ILT", None), ("RWTH Aachen University", None),
          ("Siemens Energy AG", None)]),
        # three words before GmbH; a comma in a list that "und" closes
        ("mou", "signed", "2025-05-13", [("Carl Zeiss SMT GmbH", None), ("MOTIE", "KR")]),
        # "des Deutschen Instituts für Normung und des Forschungszentrums Jülich": named as
        # they name themselves
        ("mou", "signed", "2025-05-12",
         [("Deutsches Institut für Normung", None), ("Forschungszentrum Jülich", None)]),
    ]  # fmt: skip
