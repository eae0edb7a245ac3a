"""Keyword facts: entity type, PROSEC, certification, premises, workers, goods, modality hints."""

from __future__ import annotations

import re
from typing import Any

_I = re.IGNORECASE


def _num(token: str) -> int:
    return int(re.sub(r"[^\d]", "", token))


_ENTITY: list[tuple[str, re.Pattern[str]]] = [
    (
        "sas",
        re.compile(
            r"\bS\.?\s?A\.?\s?S\.?(?!\w)|sociedad(?:es)? por acciones simplificada"
            r"|simplified (?:stock|joint[- ]stock) compan",
            _I,
        ),
    ),
    ("sapi", re.compile(r"\bS\.?\s?A\.?\s?P\.?\s?I\.?(?!\w)", _I)),
    ("sa_de_cv", re.compile(r"\bS\.?\s?A\.?\s+de\s+C\.?\s?V\.?|sociedad an[oó]nima", _I)),
    ("s_de_rl", re.compile(r"\bS\.?\s+de\s+R\.?\s?L\.?", _I)),
    (
        "individual",
        re.compile(
            r"\b(?:individual|sole (?:proprietor|trader)|natural person|"
            r"freelancer|self[- ]employed|persona f[ií]sica|"
            r"person(?:a)? natural)\b",
            _I,
        ),
    ),
    (
        "foreign",
        re.compile(
            r"\b(?:foreign (?:company|entity|corporation|parent)|non-?resident|"
            r"not (?:incorporated|registered|resident) in Mexico|"
            r"(?:US|U\.S\.|American|German|Chinese) (?:company|corporation)|"
            r"empresa extranjera|residente en el extranjero|no residente|"
            r"sin (?:una )?empresa en M[eé]xico)\b",
            _I,
        ),
    ),
    (
        "legal_entity",
        re.compile(
            r"\b(?:persona moral|legal entity|Mexican (?:company|corporation|"
            r"subsidiary)|empresa mexicana|sociedad mexicana)\b",
            _I,
        ),
    ),
]
_SIMPLIFIED = re.compile(r"\bRESICO\b|cash[- ]flow regime|flujo de efectivo|t[ií]tulo VII", _I)
_GENERAL = re.compile(r"\b(?:title|t[ií]tulo) II\b|general (?:tax )?regime|r[eé]gimen general", _I)

_NEG = r"(?:no|not|don'?t|doesn'?t|do not|does not|without|lack|sin|ni|no tenemos|no contamos)"
_HAVE = (
    r"(?:have|has|hold|holds|own|with|also|already|got|tenemos|tiene|contamos|cuenta|"
    r"con|ya|nuestro|our)"
)


def _held(text: str, topic: str) -> bool | None:
    neg = re.search(rf"\b{_NEG}\b[^.?!]{{0,30}}{topic}", text, _I)
    if neg:
        return False
    if re.search(rf"\b{_HAVE}\b[^.?!]{{0,30}}{topic}", text, _I):
        return True
    return None


_CERT = r"(?:VAT\s*(?:&|and|y)\s*IEPS\s+)?certifi(?:ed|cation|cada|caci[oó]n)"

_LEASE_CTX = re.compile(
    r"leas|rent|contract|contrato|arrend|comodato|premises|local|nave|"
    r"term|plazo|warehouse|building|plant|planta",
    _I,
)
_UNIT = r"(?P<u>months?|mos?|years?|yrs?|meses|mes|a[nñ]os?)"
_TERM = [
    re.compile(rf"(?P<n>\d+)[- ]?{_UNIT}[- ](?:lease|term|contract|rental|agreement)", _I),
    re.compile(
        rf"(?:lease|term|contract|contrato|arrendamiento|comodato)[^.?!\d]{{0,40}}?"
        rf"(?:of|de|por|for|is|es|fuera de|sea de|was|runs?|ran|lasts?|dura|covers)\s+"
        rf"(?:only |solo |sólo |just |for )?(?P<n>\d+)\s?{_UNIT}",
        _I,
    ),
    # "36 months and 30 (months) left": the first of the pair is the term
    re.compile(
        rf"(?P<n>\d+)\s?{_UNIT}\s*(?:,|and|y)\s*(?:(?:only|just|solo|sólo)\s+)?"
        rf"(?:\d+\s?(?:months?|meses)?\s*(?:are |is |still )?(?:left|remain|restantes?)|"
        rf"(?:quedan|restan|faltan)\b)",
        _I,
    ),
]
_LEFT = [
    re.compile(
        rf"(?P<n>\d+)\s?(?:{_UNIT}\s)?(?:are |is |still )*(?:left|remaining|remain(?:s|ed)?|to go|"
        r"restantes?|por delante|por vencer)",
        _I,
    ),
    re.compile(
        rf"(?:quedan|quedaran|quedaban|restan|faltan|resten|queden)\s+(?:solo |sólo )?"
        rf"(?P<n>\d+)(?:\s?{_UNIT})?",
        _I,
    ),
    re.compile(rf"(?:only|just)\s+(?P<n>\d+)(?:\s?{_UNIT})?\s+(?:left|remain)", _I),
]


def _months(match: re.Match[str]) -> int:
    n = _num(match.group("n"))
    unit = (match.group("u") or "months").lower()
    return n * 12 if unit.startswith(("y", "a")) else n


def lease_facts(text: str, lease_context: bool) -> dict[str, Any]:
    """Lease term and remaining months; bare numbers count only when a lease is being discussed."""
    out: dict[str, Any] = {}
    if re.search(
        r"\b(?:we own|owned|own (?:the|our) (?:building|plant|premises)|propi[oa]s?|"
        r"somos due[nñ]os)\b",
        text,
        _I,
    ):
        out["tenure"] = "owned"
    elif re.search(r"comodato|loan for use|lent to us|prestad", text, _I):
        out["tenure"] = "loan"
    elif re.search(r"\blease|leasing|rent(?:ed|al)?\b|arrend|rentamos|rentada", text, _I):
        out["tenure"] = "leased"
    if not (lease_context or _LEASE_CTX.search(text)):
        return out
    for pattern in _LEFT:
        if m := pattern.search(text):
            out["lease_remaining_months"] = _months(m)
            break
    for pattern in _TERM:
        if m := pattern.search(text):
            out["lease_term_months"] = _months(m)
            break
    return out


_WORKERS = re.compile(
    r"(?P<n>\d[\d,.]*)\s+(?:full[- ]time\s+|registered\s+|formal\s+)?(?:IMSS[- ])?"
    r"(?:workers|employees|"
    r"staff|people|empleados|trabajadores|personas|colaboradores|obreros)\b"
    r"|(?:headcount|plantilla|staff|workforce)\s+(?:of|de)\s+(?P<m>\d[\d,.]*)",
    _I,
)

_GOODS: list[tuple[str, re.Pattern[str]]] = [
    (
        "containers",
        re.compile(
            r"trailer boxes?|trailers?|shipping containers?|contenedor(?:es)?|"
            r"cajas? de (?:tr[aá]iler|remolque)|\bcontainers?\b(?! and packag)",
            _I,
        ),
    ),
    (
        "machinery",
        re.compile(
            r"machinery|machines?|equipment|tools?|instruments?|mou?lds?|dies\b|"
            r"spare parts|forklifts?|computers?|maquinaria|m[aá]quinas?|equipos?|"
            r"herramientas?|instrumentos?|moldes?|troqueles?|refacciones",
            _I,
        ),
    ),
    ("fuels", re.compile(r"fuels?|lubricants?|combustibles?|lubricantes?", _I)),
    ("packaging", re.compile(r"packag\w*|packing|envases?|empaques?|embalajes?", _I)),
    ("labels", re.compile(r"labels?|brochures?|etiquetas?|folletos?", _I)),
    (
        "inputs",
        re.compile(
            r"raw materials?|materials?|parts|components?|inputs?|materias? primas?|"
            r"partes|componentes?|insumos?|resin|steel|acero|resina|"
            r"piezas?|fabrics?|telas?|chips?",
            _I,
        ),
    ),
]

_HINTS: list[tuple[str, re.Pattern[str]]] = [
    (
        "outsourcing",
        re.compile(
            r"only design|just design|others manufacture|third part(?:y|ies)\s+(?:to\s+)?"
            r"(?:manufacture|make|produce|build)|contract manufactur|no (?:own )?(?:plant|factory|"
            r"facilities|production)|without (?:our own |a |own )?(?:plant|factory|facilities)|"
            r"solo diseñamos|sólo diseñamos|terceros (?:fabrican|manufacturan|producen|maquilan)|"
            r"sin planta|no tenemos planta|outsourc|tercerizaci",
            _I,
        ),
    ),
    (
        "shelter",
        re.compile(
            r"shelter|albergue|without (?:setting up|incorporating)|sin constituir|"
            r"foreign (?:company|parent|client) (?:supplies|provides|owns)|"
            r"(?:provee|aporta|suministra)n? (?:la )?(?:maquinaria|materia)",
            _I,
        ),
    ),
    ("services", re.compile(r"\brepair|\bservices?\b|servicios?|reparaci[oó]n|reparamos", _I)),
    (
        "holding",
        re.compile(
            r"subsidiar|controlled compan|group of compan|holding|controladora|"
            r"empresas controladas|grupo de empresas",
            _I,
        ),
    ),
    (
        "industrial",
        re.compile(
            r"\bmanufactur|\bassembl|\bproduce\b|fabricamos|manufacturamos|"
            r"ensambl|producimos|transform",
            _I,
        ),
    ),
]

_CHANGE: list[tuple[str, re.Pattern[str]]] = [
    ("fiscal_address", re.compile(r"fiscal (?:address|domicile)|tax address|domicilio fiscal", _I)),
    ("legal_representative", re.compile(r"legal rep|representante legal", _I)),
    ("shareholders", re.compile(r"shareholder|partners|socios|accionistas", _I)),
    (
        "company_name",
        re.compile(r"company name|corporate name|raz[oó]n social|denominaci[oó]n", _I),
    ),
    (
        "program_address",
        re.compile(
            r"(?:plant|warehouse|storage|production) address|new "
            r"(?:plant|warehouse)|domicilio de (?:la )?(?:planta|bodega)|"
            r"nueva (?:planta|bodega)|domicilio",
            _I,
        ),
    ),
]


def _whole_word(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """First match that is a whole word or phrase ('resin' must not match inside 'resina')."""
    bounded = re.compile(rf"(?<![^\W\d_])(?:{pattern.pattern})(?![^\W\d_])", pattern.flags)
    return bounded.search(text)


_EXT = r"(?:(?:180[- ]day |de 180 d[ií]as )?(?:extension|pr[oó]rroga))"
_EXT_NO = re.compile(
    rf"\b(?:did ?n[o']t|was ?n[o']t|were ?n[o']t|not|never|no)\b[^.?!]{{0,40}}\b{_EXT}|"
    rf"\b{_EXT}\b[^.?!]{{0,25}}\b(?:denied|refused|rejected|not granted|negad[ao]|rechazad[ao])|"
    rf"\bsin (?:la |una )?{_EXT}|\bnegaron (?:la )?{_EXT}",
    _I,
)
_EXT_YES = re.compile(
    rf"\b(?:granted|got|received|obtained|gave us|otorg\w+|dieron|concedi\w+|obtuvimos)\b"
    rf"[^.?!]{{0,25}}{_EXT}|\b{_EXT}\b[^.?!]{{0,25}}\b(?:was granted|approved|otorgad[ao]|"
    rf"concedid[ao]|aprobad[ao])|\bcon (?:la )?{_EXT}",
    _I,
)


def extension_fact(text: str) -> bool | None:
    """Whether SAT granted the one-time extension after a cancellation, if the user says."""
    if _EXT_NO.search(text):
        return False
    if _EXT_YES.search(text):
        return True
    return None


def keyword_facts(text: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for label, pattern in _ENTITY:
        if pattern.search(text):
            out["entity_type"] = label
            break
    if _SIMPLIFIED.search(text):
        out["tax_regime"] = "simplified"
    elif _GENERAL.search(text):
        out["tax_regime"] = "general"
    out["prosec_held"] = _held(text, "prosec")
    out["certified"] = _held(text, _CERT)
    out["extension_granted"] = extension_fact(text)
    if m := _WORKERS.search(text):
        out["workers"] = _num(m.group("n") or m.group("m"))
    for label, pattern in _GOODS:
        if m := _whole_word(pattern, text):
            out["goods"], out["goods_category"] = m.group(0), label
            break
    out["modality_hints"] = [label for label, p in _HINTS if p.search(text)]
    for label, pattern in _CHANGE:
        if pattern.search(text):
            out["change_kind"] = label
            break
    return out
