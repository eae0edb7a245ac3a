"""Deterministic EN/ES language detection (stopwords, diacritics, Spanish punctuation): no
model, no service, the same answer every run. Used for loose documents and for chat turns."""

from __future__ import annotations

import re
from typing import Literal

Lang = Literal["en", "es"]

_ES_WORDS = frozenset(
    """
    el la los las un una unos unas de del al y o que qué en es son por para con sin se su
    sus mi mis nuestro nuestra nosotros usted ustedes como cómo cuando cuándo cuál cuáles
    cuánto cuánta cuántos donde dónde quién hay puede pueden podemos tenemos tiene si sí no
    pero más muy ya también este esta estos estas eso esa ese lo le les me nos hola gracias
    buenos buenas días tardes noches empresa programa plazo ventas exportaciones requisitos
    contrato meses años fue fuera ser está están qué necesito necesitamos quiero queremos
    cuanto hasta desde sobre entre solo sólo
    """.split()
)
_EN_WORDS = frozenset(
    """
    the an of and or to in on at for with without is are was were be been being what which
    who whom how when where why can could should would will do does did we our us you your i
    my me it its this that these those there their they them have has had if then than not
    but also only about from into just as by any some hello hi hey thanks thank please
    company program sales exports requirements lease months years much many need want apply
    get
    """.split()
)
_ES_MARKS = re.compile(r"[ñáéíóúü¿¡]", re.IGNORECASE)
_WORD = re.compile(r"[a-záéíóúüñ]+", re.IGNORECASE)


def language_scores(text: str) -> tuple[float, float]:
    """Return (en, es) evidence scores for `text`."""
    words = [w.lower() for w in _WORD.findall(text)]
    en = float(sum(w in _EN_WORDS for w in words))
    es = float(sum(w in _ES_WORDS for w in words))
    es += 1.5 * len(_ES_MARKS.findall(text))
    return en, es


def detect_language(text: str, default: Lang = "en") -> Lang:
    """Pick en or es; ties (e.g. "IMMEX?") fall back to `default`."""
    en, es = language_scores(text)
    if en == es:
        return default
    return "es" if es > en else "en"
