"""A small deterministic EN/ES language guess: no model, no service, stable across runs."""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-záéíóúüñ¿¡]+", re.IGNORECASE)

_ES_MARKERS = frozenset(
    """de la que el en los las del se por con para una un es al lo como más pero sus le ya
    o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde
    todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos
    qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella
    estar estas algunas algo nosotros cuánto cuánta cuántos cuál cómo dónde cuándo puede
    pueden podemos tenemos tiene necesito necesitamos empresa programa plazo meses años
    días exportaciones ventas hola gracias buenos buenas sí y""".split()
)
_EN_MARKERS = frozenset(
    """the of and to in is that for it as was with be by on not he this are or his from at
    which but have an they you were her she there been one all we their has would when if
    can do does did what how who why where our us my your much many long need needs company
    program months years days exports sales hello hi thanks please should could will""".split()
)


def detect_language(text: str, default: str = "en") -> str:
    """Return 'es' or 'en' for a message; ties and empty text fall back to `default`."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return default
    es = sum(1 for w in words if w in _ES_MARKERS)
    en = sum(1 for w in words if w in _EN_MARKERS)
    # Spanish-only letters and inverted punctuation are strong evidence on short messages.
    es += 2 * len(re.findall(r"[ñ¿¡]|ción\b|ciones\b", text.lower()))
    es += sum(1 for w in words if re.search(r"[áéíóú]", w))
    if es > en:
        return "es"
    if en > es:
        return "en"
    return default
