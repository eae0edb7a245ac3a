"""Keyword signals for routing: rule topics, eligibility phrasing, out-of-scope requests."""

from __future__ import annotations

import re

from assistant.chat.facts.model import ConversationFacts
from assistant.rules import RULES

_I = re.IGNORECASE

# Order matters: earlier topics win when a question touches several.
_TOPICS: list[tuple[str, re.Pattern[str]]] = [
    ("post_cancellation", re.compile(r"\bcancel\w*|cancela\w*|revoca\w*", _I)),
    (
        "change_notice",
        re.compile(
            r"change of (?:fiscal )?address|changed our|notify (?:the )?(?:ministry|SE|economy)|"
            r"report (?:a|the) change|cambio de (?:domicilio|raz[oó]n|representante|socios)|"
            r"cambiamos|avisar|aviso de cambio|domicilio fiscal|fiscal address|"
            r"legal representative|"
            r"representante legal|\bmoved our",
            _I,
        ),
    ),
    (
        "annual_report_deadline",
        re.compile(r"annual report|reporte anual|\bRAOCE\b|informe anual", _I),
    ),
    (
        "vat_ieps_certification",
        re.compile(r"certifi\w*|\bIVA e IEPS|\bVAT\b.{0,20}\bIEPS|\bIEPS\b", _I),
    ),
    (
        "premises",
        re.compile(
            r"\blease|leasing|\brent\w*|premises|arrend\w*|comodato|\bnave\b|\bcontrato\b|"
            r"\bcontract\b|\blocal\b|domicilio de (?:la )?planta",
            _I,
        ),
    ),
    (
        "modality",
        re.compile(
            r"modalit\w*|modalidad\w*|which one fits|cu[aá]l (?:nos )?conviene|"
            r"shelter|albergue|outsourc\w*|terceriza\w*|controladora|holding",
            _I,
        ),
    ),
    (
        "temporary_import_deadline",
        re.compile(
            r"how long can|until when can|stay in mexico|permanecer|quedarse|pueden quedar|"
            r"retornar|return (?:the|our) (?:goods|parts|materials|molds|machinery)|"
            r"imported (?:on|in|last)|importamos|import date|fecha de importaci[oó]n",
            _I,
        ),
    ),
    (
        "export_commitment",
        re.compile(
            r"export commitment|export requirement|minimum export|export threshold|"
            r"export(?:s|ed)? (?:of|are|were|was|volume|sales|amount)|we export|"
            r"compromiso de exportaci[oó]n|exportaciones|exportamos|export[aá]ramos|"
            r"m[ií]nimo de exportaci[oó]n|ventas al (?:extranjero|exterior)",
            _I,
        ),
    ),
    (
        "applicant_profile",
        re.compile(
            r"\bSAS\b|S\.A\.S\.|persona f[ií]sica|individual|sole proprietor|foreign company|"
            r"empresa extranjera|RESICO|entity type|tipo de (?:empresa|sociedad)|"
            r"(?:can|may) (?:we|I|a company|an? \w+ company) (?:apply|hold|get)|"
            r"(?:podemos|puedo|puede) (?:solicitar|tener|obtener)",
            _I,
        ),
    ),
]

_ELIGIBILITY = re.compile(
    r"\b(?:can|could|may) (?:we|I|our company|my company)\b|\bdo(?:es)? (?:we|I|our \w+) "
    r"(?:meet|qualify|comply|fit|pass)|\bare we\b|\bis (?:it|that|this|ours?|our \w+) "
    r"(?:enough|ok|okay|acceptable|sufficient|valid|compliant)|\bwould (?:we|it|that)\b|"
    r"\bwhat if\b|\bsuppose\b|\b(?:we|I|us)\b[^.?!]{0,20}\b(?:qualify|eligible)|"
    r"\bour deadline|\buntil when\b|\bby when\b|"
    r"how long do we have|which (?:one|modality) (?:fits|suits|applies|should)|\bfor us\b|"
    r"\bpodemos\b|\bpuedo\b|\bcalificamos\b|\bcalificar[ií]amos\b|\bcumplimos\b|"
    r"\bcumplir[ií]amos\b|\bcumple\b|\balcanza\w*|\b[¿]?y si\b|\bsi fuera\b|"
    r"\bnos (?:conviene|corresponde|aplica)|hasta cu[aá]ndo|nuestr[oa] (?:plazo|fecha)|"
    r"cu[aá]nto tiempo tenemos|\bsirve\b|\bsomos\b|\bsoy\b|\bwe are\b|\bI am\b",
    _I,
)


def keyword_topics(text: str) -> list[str]:
    """Rule topics whose keywords appear in `text`, in priority order."""
    return [label for label, pattern in _TOPICS if pattern.search(text)]


def eligibility_phrasing(text: str) -> bool:
    """True when the user asks about their own case rather than the program in general."""
    return bool(_ELIGIBILITY.search(text))


_OWN_CASE = re.compile(
    r"\b(?:we|our|ours|us|I|my|mine|we're|I'm|nosotros|nuestr[oa]s?|mi|mis|somos|soy|"
    r"tengo|tenemos|hemos|estamos)\b|\b[a-záéíóúñ]{2,}(?:amos|emos|imos)\b",
    _I,
)


def own_case(texts: list[str]) -> bool:
    """True when the user speaks about their own company (so asking for its facts makes
    sense), not about the program in general."""
    return any(eligibility_phrasing(t) or _OWN_CASE.search(t) for t in texts)


def fact_topics(facts: ConversationFacts) -> list[str]:
    """Rule checks that the facts stated in one turn bear on."""
    topics: list[str] = []
    if facts.confirmed:  # a yes/no answer continues the check that asked for it
        topics += [
            rule_id
            for rule_id, spec in RULES.items()
            if set(facts.confirmed) & set(spec.input_model.model_fields)
        ]
    if facts.notification_date:
        topics.append("post_cancellation")
    if facts.change_date:
        topics.append("change_notice")
    if facts.fiscal_year:
        topics.append("annual_report_deadline")
    if facts.import_date:
        topics.append("temporary_import_deadline")
    if facts.export_sales or facts.total_sales or facts.export_share_pct is not None:
        topics.append("export_commitment")
    if facts.lease_term_months is not None or facts.lease_remaining_months is not None:
        topics.append("premises")
    if facts.returns_pct is not None or facts.workers is not None:
        topics.append("vat_ieps_certification")
    if {"outsourcing", "shelter", "holding"} & set(facts.modality_hints):
        topics.append("modality")
    if facts.entity_type or facts.tax_regime:
        topics.append("applicant_profile")
    return topics


_COUNTRIES = (
    r"guatemala|honduras|el salvador|nicaragua|costa rica|panam[aá]|colombia|per[uú]|chile|"
    r"argentina|brazil|brasil|china|vietnam|india|thailand|tailandia|philippines|filipinas|"
    r"dominican republic|rep[uú]blica dominicana"
)
# A country name alone is not enough ("we import resin from China"): it must come with a
# program word, so only questions about that country's own schemes are declined.
_PROGRAM_WORD = re.compile(
    r"program|regime|r[eé]gimen|maquila|free zone|zona franca|law|ley|incentive|"
    r"incentivo|equivalent|equivalente|similar|como IMMEX|like IMMEX",
    re.IGNORECASE,
)
_OUT_OF_SCOPE: list[tuple[str, re.Pattern[str]]] = [
    (
        "other_country",
        re.compile(rf"\b(?:in|en|of|for|para)\s+(?:{_COUNTRIES})\b|\b(?:{_COUNTRIES})'s\b", _I),
    ),
    ("other_country", re.compile(r"foreign[- ]trade zone|\bFTZ\b|US drawback", _I)),
    (
        "act_for_user",
        re.compile(
            r"\b(?:file|submit|send|sign|fill (?:in|out)|register|apply)\b[^.?!]{0,50}"
            r"\b(?:for (?:me|us)|on (?:my|our) behalf)|^(?:please )?(?:log ?in|sign in|submit|file)"
            r"\b|\blog ?in(?:to)? (?:to )?(?:VUCEM|the portal|SAT)|"
            r"\b(?:puedes|puede|podr[ií]as?)\s+(?:presentar|enviar|llenar|tramitar|firmar|capturar)|"
            r"(?:por|en nombre de) (?:m[ií]|nosotros)|en (?:mi|nuestro) nombre|"
            r"\b(?:entra|ingresa|inicia sesi[oó]n) (?:a|en) (?:VUCEM|la ventanilla|el portal)|"
            r"\b(?:log ?in|sign ?in|access|enter|go into)\b[^.?!]{0,12}\b(?:our|my|your|the)\s+"
            r"(?:SAT|VUCEM|tax|company)?\s?(?:portal|account|mailbox|buz[oó]n)|"
            r"\b(?:entr(?:a|ar|es)|ingres(?:a|ar|es)|accede|acceder)\b[^.?!]{0,12}\b"
            r"(?:nuestr[oa]|mi|su)\s+(?:portal|cuenta|buz[oó]n)|"
            r"(?:^(?:please )?|(?:\byou\b|\bpuedes\b|\bpodr[ií]as\b)[^.?!]{0,30})\b(?:download|"
            r"descarga|descargar|desc[aá]rgame|desc[aá]rguenos)\b[^.?!]{0,20}\b"
            r"(?:our|my|nuestr[oa]|mi)\b",
            _I,
        ),
    ),
    (
        "prediction",
        re.compile(
            r"exchange rate (?:will|next|be|in 20)|will the (?:peso|dollar)|tipo de cambio "
            r"(?:estar[aá]|va a|el pr[oó]ximo)|a cu[aá]nto estar[aá]|\bforecast|\bpredict|"
            r"pron[oó]stic|"
            r"\b(?:subir[aá]|bajar[aá]|caer[aá]|se (?:fortalecer|debilitar|apreciar|depreciar)[aá]|"
            r"strengthen|weaken|rise|fall|go up|go down)\b[^.?!]{0,40}\b(?:peso|d[oó]lar|dollar|"
            r"tipo de cambio|exchange rate)|"
            r"\b(?:peso|d[oó]lar|dollar|tipo de cambio|exchange rate)\b[^.?!]{0,40}"
            r"(?:pr[oó]ximo a[nñ]o|a[nñ]o que viene|next year|next month|pr[oó]ximo mes)|"
            r"chances|odds|probabilit|probabilidad|likely (?:to|that) (?:we|they|it|SE)|"
            r"will (?:we|they|SE) (?:be )?(?:approve|grant|accept)|nos (?:van a )?aprobar[aá]n",
            _I,
        ),
    ),
    (
        "legal_dispute",
        re.compile(
            r"\blawsuit|\bsue\b|\bcourt\b|litigat|\bappeal\b|what should we argue|defend us|"
            r"juicio|demanda(?:r|mos)?\b|\bamparo|tribunal|recurso de revocaci[oó]n|"
            r"qu[eé] argumentamos|nuestra defensa|multaron y",
            _I,
        ),
    ),
]


# Requests with no bearing on IMMEX at all, in words the embedding examples miss in Spanish.
_OUT_OF_SCOPE.append(
    (
        "unrelated",
        re.compile(
            r"\bweather\b|\bqu[eé] tiempo (?:hace|har[aá])|\bclima\b|\bllover[aá]|"
            r"\brecipes?\b|\brecetas?\b|\bpoem\b|\bpoema\b|\bjoke\b|\bchiste\b|"
            r"\bcanci[oó]n\b|\bsong\b|\bf[uú]tbol\b|\bfootball\b|\bworld cup\b|"
            r"\bmundial\b|\bcapital (?:of|de)\b|\blaptop\b|\bhor[oó]scopo\b",
            _I,
        ),
    )
)


def out_of_scope_variant(text: str) -> str | None:
    """Which kind of out-of-scope request `text` is, if any."""
    for variant, pattern in _OUT_OF_SCOPE:
        if pattern.search(text):
            if variant == "other_country" and not _PROGRAM_WORD.search(text):
                continue
            return variant
    return None


# Note topic tags a rule route retrieves from (the tags are shared by EN and ES notes).
ROUTE_TOPICS: dict[str, tuple[str, ...]] = {
    "export_commitment": ("export-commitment",),
    "applicant_profile": ("applicant", "entity-type", "tax-regime", "tax-status"),
    "premises": ("premises", "lease"),
    "modality": ("modalities", "shelter", "outsourcing"),
    "temporary_import_deadline": ("time-limits", "eligible-goods"),
    "annual_report_deadline": ("annual-report",),
    "post_cancellation": ("cancellation",),
    "change_notice": ("change-notices", "fiscal-address"),
    "vat_ieps_certification": ("certification",),
}
