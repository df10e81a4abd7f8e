"""Body areas that bound the needle's depth: face, periorbital, scalp, trunk, limbs.

The skin and what lies under it differ by area: around the eye the skin is the thinnest of the body
and the orbit is close; on the face, vessels and nerves run shallow; under the scalp lies the skull.
The limits library gives the deepest depth allowed in each area (``depth_by_area_mm``).

A site's area comes from its acupoint when it has one (the catalogue's points are classified below),
otherwise from words of its region or zone, French or English (``"Patte d'oie"`` → periorbital,
``"Joue"`` → face, ``"Vertex"`` → scalp, ``"Région lombaire"`` → trunk, ``"Coude"`` → limbs). A site
none of the words describe has no area: only the gun's own range and the technique's limits apply.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from mesogun.models.site import Site


class BodyArea(StrEnum):
    FACE = "face"
    PERIORBITAL = "periorbital"
    SCALP = "scalp"
    TRUNK = "trunk"
    LIMBS = "limbs"


#: The catalogue's acupoints (WHO codes) by area.
ACUPOINT_AREAS: dict[str, BodyArea] = {
    "PC6": BodyArea.LIMBS,  # inner forearm
    "HT7": BodyArea.LIMBS,  # wrist crease
    "SP6": BodyArea.LIMBS,  # above the medial malleolus
    "LR3": BodyArea.LIMBS,  # dorsum of the foot
    "GV20": BodyArea.SCALP,  # top of the head
    "EX-HN3": BodyArea.FACE,  # between the eyebrows
}

#: Words of a region or zone, without accents and in lower case, by area. The first area whose word
#: appears wins, so the narrower areas come first (a "paupière" is on the face, but periorbital).
AREA_WORDS: tuple[tuple[BodyArea, tuple[str, ...]], ...] = (
    (
        BodyArea.PERIORBITAL,
        ("periorbit", "paupiere", "patte d'oie", "cerne", "orbit", "eyelid", "crow's feet", "under-eye"),
    ),
    (
        BodyArea.SCALP,
        ("cuir chevelu", "vertex", "golfe", "tonsure", "scalp", "crane"),
    ),
    (
        BodyArea.FACE,
        (
            "visage",
            "joue",
            "front",
            "menton",
            "levre",
            "pommette",
            "nez",
            "machoire",
            "sourcil",
            "cheek",
            "forehead",
            "chin",
            "jaw",
            "lips",
            "nose",
            "temple",
        ),
    ),
    (
        BodyArea.LIMBS,
        (
            "bras",
            "avant-bras",
            "coude",
            "epicondyl",
            "poignet",
            "main",
            "doigt",
            "epaule",
            "cuisse",
            "genou",
            "jambe",
            "mollet",
            "cheville",
            "pied",
            "orteil",
            "tendon",
            "arm",
            "elbow",
            "wrist",
            "hand",
            "finger",
            "shoulder",
            "thigh",
            "knee",
            "leg",
            "calf",
            "ankle",
            "foot",
            "toe",
            "fesse",
            "buttock",
            "hanche",
            "hip",
        ),
    ),
    (
        BodyArea.TRUNK,
        (
            "dos",
            "lombaire",
            "dorsal",
            "cervical",
            "nuque",
            "cou",
            "thorax",
            "thoracique",
            "abdomen",
            "ventre",
            "flanc",
            "scapula",
            "omoplate",
            "trapeze",
            "paravertebral",
            "sacr",
            "poitrine",
            "back",
            "lumbar",
            "neck",
            "chest",
            "belly",
            "flank",
            "trapezius",
            "trunk",
        ),
    ),
)


def _folded(text: str) -> str:
    """Lower case, no accents, every character but letters, digits and ' a space; spaces around."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " " + "".join(char if char.isalnum() or char == "'" else " " for char in plain) + " "


def area_of_words(text: str) -> BodyArea | None:
    """The area a region's or zone's words name (a word of the table starting a word), or None."""
    folded = _folded(text)
    for area, words in AREA_WORDS:
        if any(f" {_folded(word).strip()}" in folded for word in words):
            return area
    return None


def body_area(site: Site | None, zone: str | None = None) -> BodyArea | None:
    """The area of a point: its acupoint's, else its region's, else its zone's words; None if unknown."""
    if site is not None and site.acupoint_code in ACUPOINT_AREAS:
        return ACUPOINT_AREAS[site.acupoint_code]
    for text in (site.region if site is not None else None, zone):
        if text:
            area = area_of_words(text)
            if area is not None:
                return area
    return None
