"""The controlled vocabularies of the model, with English and Korean labels.

The keys are what the YAML uses; :mod:`coopgraph.models` spells the same keys as
``Literal`` types (a test keeps the two in step). The labels serve table output and,
later, the SKOS concept schemes of the RDF export.
"""

from __future__ import annotations

__all__ = [
    "AGENCY_KINDS",
    "AGREEMENT_STATUSES",
    "AGREEMENT_TYPES",
    "EVENT_STATUSES",
    "EVENT_TYPES",
    "IN_PLACE_STATUSES",
    "NAME_KINDS",
    "SOURCE_KINDS",
]

Labels = dict[str, dict[str, str]]

AGREEMENT_TYPES: Labels = {
    "loi": {"en": "letter of intent", "ko": "협력의향서"},
    "mou": {"en": "memorandum of understanding", "ko": "양해각서"},
    "moa": {"en": "memorandum of agreement", "ko": "합의각서"},
    "research-cooperation-agreement": {
        "en": "research cooperation agreement",
        "ko": "연구협력 협약",
    },
    "implementing-arrangement": {"en": "implementing arrangement", "ko": "이행약정"},
    "joint-programme": {"en": "joint programme", "ko": "공동 프로그램"},
    "partnership": {"en": "partnership", "ko": "파트너십"},
    "dialogue": {"en": "standing dialogue", "ko": "대화 채널"},
    "working-group": {"en": "working group", "ko": "작업반"},
    "cooperation-plan": {"en": "agreed cooperation", "ko": "협력 합의"},
}

AGREEMENT_STATUSES: Labels = {
    "proposed": {"en": "proposed by one side", "ko": "제안"},
    "planned": {"en": "agreed to be set up", "ko": "추진 예정"},
    "signed": {"en": "signed", "ko": "체결"},
    "active": {"en": "active", "ko": "진행 중"},
    "ended": {"en": "ended", "ko": "종료"},
}

#: Statuses under which an agreement is in place (as opposed to only intended or over).
IN_PLACE_STATUSES = frozenset({"signed", "active"})

AGENCY_KINDS: Labels = {
    "ministry": {"en": "ministry or department", "ko": "정부 부처"},
    "government-agency": {"en": "government agency", "ko": "정부 기관"},
    "policy-office": {"en": "policy office", "ko": "정책실"},
    "funding-agency": {"en": "funding agency", "ko": "연구비 지원 기관"},
    "national-laboratory": {"en": "national laboratory", "ko": "국립연구소"},
    "metrology-institute": {"en": "national metrology institute", "ko": "측정표준기관"},
    "research-institute": {"en": "research institute", "ko": "연구기관"},
    "research-council": {"en": "research council", "ko": "연구회"},
    "laboratory": {"en": "laboratory or centre within an institute", "ko": "연구소 내 조직"},
    "public-corporation": {"en": "public corporation", "ko": "공공기관"},
    "association": {"en": "association", "ko": "협회"},
}

EVENT_TYPES: Labels = {
    "conference": {"en": "conference", "ko": "컨퍼런스"},
    "forum": {"en": "forum", "ko": "포럼"},
    "dialogue": {"en": "dialogue round", "ko": "대화"},
    "meeting": {"en": "meeting", "ko": "회의·면담"},
    "workshop": {"en": "workshop", "ko": "워크숍"},
    "roundtable": {"en": "roundtable", "ko": "라운드테이블"},
    "summit": {"en": "summit", "ko": "정상회의"},
    "signing": {"en": "signing ceremony", "ko": "체결식"},
}

#: Whether an event took place: a workshop agreed at a meeting is planned until it is held.
EVENT_STATUSES: Labels = {
    "planned": {"en": "planned", "ko": "개최 예정"},
    "held": {"en": "held", "ko": "개최"},
    "cancelled": {"en": "cancelled", "ko": "취소"},
}

NAME_KINDS: Labels = {
    "official": {"en": "official name", "ko": "공식 명칭"},
    "acronym": {"en": "acronym", "ko": "약어"},
    "short": {"en": "short form", "ko": "약칭"},
    "alias": {"en": "other name used in sources", "ko": "기타 명칭"},
}

SOURCE_KINDS: Labels = {
    "news": {"en": "news article", "ko": "기사"},
    "press-release": {"en": "press release", "ko": "보도자료"},
    "registry": {"en": "identifier registry", "ko": "식별자 레지스트리"},
    "reference-note": {"en": "research note", "ko": "조사 노트"},
}
