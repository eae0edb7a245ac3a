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

# Keywords are accent-free and lower case; a trailing "s"/"es" plural is accepted by the regex.
_KEYWORDS: dict[Category, tuple[str, ...]] = {
    "containers": (
        "trailer box",
        "caja de trailer",
        "cajas de trailer",
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

_PATTERNS: list[tuple[re.Pattern[str], Category]] = sorted(
    (
        (re.compile(rf"\b{re.escape(word)}(?:s|es)?\b"), category)
        for category, words in _KEYWORDS.items()
        for word in words
    ),
    key=lambda item: -len(item[0].pattern),
)


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def classify(description: str) -> tuple[Category | None, dict[Category, list[str]]]:
    """Category of `description` (None when unknown or ambiguous) and the words that matched."""
    text = normalise(description)
    hits: dict[Category, list[str]] = {}
    for pattern, category in _PATTERNS:
        for match in pattern.finditer(text):
            hits.setdefault(category, []).append(match.group(0))
        text = pattern.sub(" ", text)
    return (next(iter(hits)) if len(hits) == 1 else None), hits
