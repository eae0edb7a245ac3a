"""Sorting a free-text goods description (EN or ES) into a temporary-import category.

The decree sets stays by category (art. 4): fr. I materials (18 months), fr. II containers and
trailer boxes (2 years), fr. III machinery and equipment (program validity). Longer phrases are
matched first and consumed, so 'caja de tráiler' is a trailer box and never a packaging 'caja',
and 'spare parts' is machinery and never 'parts'. Two categories left after that is ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Category = Literal["materials", "containers", "machinery"]
CATEGORIES: tuple[Category, ...] = ("materials", "containers", "machinery")

CATEGORY_LABELS: dict[Category, dict[str, str]] = {
    "materials": {
        "en": "materials: raw materials, parts, components, consumables, fuels, lubricants, "
        "packaging, labels, brochures (Decreto IMMEX art. 4 fr. I)",
        "es": "materiales: materias primas, partes, componentes, consumibles, combustibles, "
        "lubricantes, envases y empaques, etiquetas, folletos (Decreto IMMEX art. 4 fr. I)",
    },
    "containers": {
        "en": "containers and trailer boxes (Decreto IMMEX art. 4 fr. II)",
        "es": "contenedores y cajas de tráiler (Decreto IMMEX art. 4 fr. II)",
    },
    "machinery": {
        "en": "machinery, equipment, tools, instruments, molds and spare parts "
        "(Decreto IMMEX art. 4 fr. III)",
        "es": "maquinaria, equipo, herramientas, instrumentos, moldes y refacciones "
        "(Decreto IMMEX art. 4 fr. III)",
    },
}

# Keywords are accent-free, lower case and singular; `classify` accepts a plural of every word.
_KEYWORDS: dict[Category, tuple[str, ...]] = {
    "containers": (
        "trailer box",
        "caja de trailer",
        "caja seca",
        "dry van",
        "shipping container",
        "intermodal container",
        "container",
        "contenedor",
        "semi-trailer",
        "semitrailer",
        "trailer",
        "semirremolque",
        "remolque",
    ),
    "machinery": (
        "spare part",
        "replacement part",
        "refaccion",
        "repuesto",
        "machinery",
        "machine",
        "maquinaria",
        "maquina",
        "equipment",
        "equipo",
        "tooling",
        "tool",
        "herramienta",
        "herramental",
        "instrument",
        "instrumento",
        "mold",
        "mould",
        "molde",
        "die",
        "troquel",
        "robot",
        "press",
        "prensa",
        "lathe",
        "torno",
        "forklift",
        "montacargas",
        "conveyor",
        "banda transportadora",
        "computer",
        "computadora",
        "server",
        "servidor",
        "printer",
        "impresora",
        "compressor",
        "compresor",
        "furnace",
        "horno",
        "crane",
        "grua",
        "gauge",
        "calibrador",
        "laboratory",
        "laboratorio",
        "jig",
        "fixture",
        "dispositivo",
    ),
    "materials": (
        "raw material",
        "materia prima",
        "material",
        "part",
        "parte",
        "pieza",
        "component",
        "componente",
        "input",
        "insumo",
        "consumable",
        "consumible",
        "fuel",
        "combustible",
        "lubricant",
        "lubricante",
        "oil",
        "aceite",
        "grease",
        "grasa",
        "packaging",
        "packing",
        "envase",
        "empaque",
        "embalaje",
        "label",
        "etiqueta",
        "brochure",
        "leaflet",
        "folleto",
        "wire",
        "alambre",
        "cable",
        "resin",
        "resina",
        "steel",
        "acero",
        "copper",
        "cobre",
        "aluminum",
        "aluminium",
        "aluminio",
        "plastic",
        "plastico",
        "fabric",
        "tela",
        "chemical",
        "quimico",
        "screw",
        "tornillo",
        "sheet",
        "lamina",
        "ink",
        "tinta",
        "paint",
        "pintura",
        "glue",
        "pegamento",
        "adhesive",
        "adhesivo",
        "solvent",
        "solvente",
        "circuit board",
        "tarjeta electronica",
        "pcb",
        "semiconductor",
        "chip",
        "bottle",
        "botella",
        "bag",
        "bolsa",
        "box",
        "caja",
        "carton",
        "cardboard",
        "pallet",
        "tarima",
        "yarn",
        "hilo",
    ),
}

_WORD = re.compile(r"[a-z0-9]+")


def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(phrase))


# Longest phrases first, so they consume their words before the shorter ones look.
_PHRASES: list[tuple[tuple[str, ...], Category]] = sorted(
    (
        (_phrase_words(phrase), category)
        for category, phrases in _KEYWORDS.items()
        for phrase in phrases
    ),
    key=lambda item: -len(" ".join(item[0])),
)


def _is_form_of(word: str, keyword: str) -> bool:
    """Whether `word` is `keyword` or a regular EN/ES plural of it (materia -> materias,
    refaccion -> refacciones, box -> boxes, battery -> batteries, luz -> luces)."""
    if word == keyword or word in (keyword + "s", keyword + "es"):
        return True
    return (keyword.endswith("y") and word == keyword[:-1] + "ies") or (
        keyword.endswith("z") and word == keyword[:-1] + "ces"
    )


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def classify(description: str) -> tuple[Category | None, dict[Category, list[str]]]:
    """Category of `description` (None when unknown or ambiguous) and the words that matched.

    Every word of a keyword phrase may be plural ("materias primas", "spare parts").
    """
    words = _WORD.findall(normalise(description))
    used = [False] * len(words)
    hits: dict[Category, list[str]] = {}
    for phrase, category in _PHRASES:
        size = len(phrase)
        for start in range(len(words) - size + 1):
            span = range(start, start + size)
            if any(used[i] for i in span) or not all(
                _is_form_of(words[i], keyword) for i, keyword in zip(span, phrase, strict=True)
            ):
                continue
            hits.setdefault(category, []).append(" ".join(words[i] for i in span))
            for i in span:
                used[i] = True
    return (next(iter(hits)) if len(hits) == 1 else None), hits
