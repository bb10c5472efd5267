"""Where personal data may go: the business's home (read from its currency, the one place a
plan states it) and the transfer safeguard its data-protection law asks for when a candidate
works from another country (``transfer-safeguard``). Countries are matched folded, by name or
ISO code, as a plan writes them ("Philippines", "PH"); an unknown home or country says nothing."""

from __future__ import annotations

from advisor.plan.model import fold

_EU = ("austria at belgium be bulgaria bg croatia hr cyprus cy czechia czech republic cz denmark dk "
       "estonia ee finland fi france fr germany de greece gr hungary hu ireland ie italy it latvia lv "
       "lithuania lt luxembourg lu malta mt netherlands nl poland pl portugal pt romania ro slovakia sk "
       "slovenia si spain es sweden se iceland is liechtenstein li norway no")
_EU_NAMES = frozenset(
    {"czech republic"} | {w for w in _EU.replace("czech republic", "").split()})

#: currency -> (home countries, folded; the safeguard to put beside the data-processing agreement)
HOMES: dict[str, tuple[frozenset[str], str]] = {
    "GBP": (frozenset({"uk", "united kingdom", "gb", "great britain", "england", "scotland", "wales",
                       "northern ireland"}),
            "the UK IDTA or the UK Addendum to the EU SCCs, unless the UK has found their country adequate"),
    "EUR": (_EU_NAMES, "the EU Standard Contractual Clauses (SCCs), unless the EU has found their country adequate"),
    "CHF": (frozenset({"switzerland", "ch"}),
            "the EU SCCs with the Swiss amendments, unless Switzerland has found their country adequate"),
    "AUD": (frozenset({"australia", "au"}),
            "a contract binding them to the Australian Privacy Principles (APP 8: you stay accountable)"),
    "NZD": (frozenset({"new zealand", "nz"}),
            "the Privacy Commissioner's model clauses (IPP 12: comparable safeguards)"),
    "CAD": (frozenset({"canada", "ca"}),
            "a contract giving comparable protection, and telling your clients their data is processed abroad (PIPEDA)"),
    "BRL": (frozenset({"brazil", "brasil", "br"}), "the ANPD's standard contractual clauses (LGPD Art. 33)"),
    "ZAR": (frozenset({"south africa", "za"}),
            "a binding agreement giving adequate protection, or the people's consent (POPIA s72)"),
    "JPY": (frozenset({"japan", "jp"}),
            "a contract with measures equivalent to the APPI, or the people's consent (APPI Art. 28)"),
    "INR": (frozenset({"india", "in"}),
            "a processing contract, and no transfer to a country the government restricts (DPDP Act s16)"),
}


def abroad(currency: str | None, country: str | None) -> str:
    """The safeguard a business paid in ``currency`` needs to send personal data to someone in
    ``country`` ("" when home is unknown, the country unknown, or the same)."""
    home = HOMES.get((currency or "").upper())
    where = fold(country or "").strip().rstrip(".")
    if home is None or not where or where in home[0]:
        return ""
    return home[1]
