"""Which countries a going rate's note names, so a candidate is weighed against the rate of their
own market (grading v30, 3D print: a Singapore developer called "12% over the going rate", a blend
of "Singapore/Malaysia" at S$75 and "China/Vietnam agencies" at S$50; against his own market's
rate he was 7% under).

A note names a country by its English name, a short form or its people ("Philippines",
"Filipino", "PH-based", "UK"); regions that are groups ("Eastern Europe", "LatAm", "SEA") name
their countries. Linear: one scan of the note by one compiled pattern.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: ISO code -> the words a rate's note may name it by (lower case).
COUNTRIES: dict[str, tuple[str, ...]] = {
    "US": ("united states", "usa", "us-based", "american", "u.s."), "CA": ("canada", "canadian"),
    "GB": ("united kingdom", "uk", "britain", "british", "england", "english-based"), "IE": ("ireland", "irish"),
    "AU": ("australia", "australian"), "NZ": ("new zealand",), "SG": ("singapore", "singaporean"),
    "MY": ("malaysia", "malaysian"), "PH": ("philippines", "filipino", "filipina", "ph-based"),
    "ID": ("indonesia", "indonesian"), "TH": ("thailand", "thai-based"), "VN": ("vietnam", "viet nam", "vietnamese"),
    "CN": ("china", "chinese"), "HK": ("hong kong",), "TW": ("taiwan", "taiwanese"),
    "JP": ("japan", "japanese-based"), "KR": ("korea", "south korea", "korean-based"), "IN": ("india", "indian"),
    "PK": ("pakistan", "pakistani"), "BD": ("bangladesh", "bangladeshi"), "LK": ("sri lanka", "sri lankan"),
    "NP": ("nepal", "nepali"), "AE": ("uae", "dubai", "emirates"), "IL": ("israel", "israeli"),
    "TR": ("turkey", "türkiye", "turkish-based"), "EG": ("egypt", "egyptian"), "NG": ("nigeria", "nigerian"),
    "KE": ("kenya", "kenyan"), "ZA": ("south africa", "south african"), "BR": ("brazil", "brasil", "brazilian"),
    "AR": ("argentina", "argentinian", "argentine"), "MX": ("mexico", "méxico", "mexican"),
    "CO": ("colombia", "colombian"), "CL": ("chile", "chilean"), "PE": ("peru", "peruvian"),
    "UA": ("ukraine", "ukrainian"), "RU": ("russia", "russian-based"), "KZ": ("kazakhstan", "kazakh"),
    "PL": ("poland", "polish-based"), "CZ": ("czechia", "czech republic"), "RO": ("romania", "romanian"),
    "RS": ("serbia", "serbian"), "HU": ("hungary", "hungarian"), "BG": ("bulgaria", "bulgarian"),
    "GR": ("greece", "greek-based"), "DE": ("germany", "german-based"), "FR": ("france", "french-based"),
    "ES": ("spain", "spanish-based"), "PT": ("portugal", "portuguese-based"), "IT": ("italy", "italian-based"),
    "NL": ("netherlands", "dutch"), "SE": ("sweden", "swedish"), "NO": ("norway", "norwegian"),
    "DK": ("denmark", "danish"), "FI": ("finland", "finnish"), "CH": ("switzerland", "swiss"),
    "AT": ("austria", "austrian"), "BE": ("belgium", "belgian"),
}
#: Regions a note may name, as their countries.
REGIONS: dict[str, tuple[str, ...]] = {
    "southeast asia": ("SG", "MY", "PH", "ID", "TH", "VN"),
    "eastern europe": ("UA", "PL", "RO", "RS", "HU", "BG", "CZ", "RU"),
    "latin america": ("BR", "AR", "MX", "CO", "CL", "PE"), "latam": ("BR", "AR", "MX", "CO", "CL", "PE"),
    "south asia": ("IN", "PK", "BD", "LK", "NP"), "western europe": ("DE", "FR", "NL", "BE", "AT", "CH", "GB", "IE"),
    "north america": ("US", "CA"), "anz": ("AU", "NZ"), "eu": ("DE", "FR", "ES", "PT", "IT", "NL", "BE", "AT",
                                                                "IE", "PL", "CZ", "RO", "HU", "BG", "GR", "SE", "DK", "FI"),
}
_NAME_TO: dict[str, tuple[str, ...]] = {**{w: (code,) for code, ws in COUNTRIES.items() for w in ws}, **REGIONS}
_NAMES = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, _NAME_TO), key=len, reverse=True)) + r")(?![\w-])",
                    re.IGNORECASE)


@lru_cache(maxsize=1024)
def countries_named(note: str) -> frozenset[str]:
    """The ISO codes of the countries ``note`` names (a region: its countries); empty for none."""
    out: set[str] = set()
    for m in _NAMES.finditer((note or "")[:500]):
        out.update(_NAME_TO[m.group(0).lower()])
    return frozenset(out)


def country_name(code: str) -> str:
    """"Singapore" for "SG" (the code itself when unknown)."""
    names = COUNTRIES.get(code.upper())
    return names[0].title().replace("Usa", "USA").replace("Uk", "UK").replace("Uae", "UAE") if names else code
