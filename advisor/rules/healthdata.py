"""Health data in a task: the agreement the business's law asks for before any of it is shared
(``health-data-agreement``). An NDA keeps a secret; it does not make anyone a lawful processor of
patients' data (grading v17, dental: "an NDA treated as enough" for a US lab's scans; pharmacy:
the owner's ERP login). The home is read from the business's currency, the one place a plan
states it, as :mod:`advisor.rules.transfers` does; an unknown home gets the generic agreement."""

from __future__ import annotations

import re

from advisor.phrases import Found
from advisor.rules.factschema import Fact

#: currency -> the agreement a subcontractor who sees health data signs there
AGREEMENTS = {
    "USD": "a HIPAA business associate agreement (BAA)",
    "EUR": "a GDPR data-processing agreement (Art. 28) naming health data as special-category data (Art. 9)",
    "GBP": "a UK GDPR data-processing agreement (Art. 28) naming health data as special-category data (Art. 9)",
    "CHF": "a data-processing agreement under the revised FADP naming health data as sensitive data",
    "CAD": "a data-processing agreement meeting PIPEDA and your province's health-information law",
    "AUD": "a contract binding them to the Privacy Act's health-information rules (APPs 3, 6 and 11)",
    "INR": "a data-processing contract under the DPDP Act",
    "BRL": "a data-processing agreement under the LGPD naming health data as sensitive (Art. 11)",
}
GENERIC = "a data-processing agreement that names the health data and what may be done with it"
#: the agreement beside the NDA when the data is personal but not health data
PERSONAL = "a data-processing agreement"


def data_agreement(health: bool, currency: str | None) -> str:
    """The agreement the NDA rules name beside the NDA: the health one on health data (one place
    for the sector's instrument, whichever rule speaks first), else a data-processing agreement."""
    return AGREEMENTS.get((currency or "").upper(), GENERIC) if health else PERSONAL


def health_share(access: list[str] | None, text: str = "") -> str:
    """How little to share: the plan's own named role accounts when it lists them (a coder who
    submits claims needs the billing role, not a read-only user with case IDs: grading v18,
    chiro), else what the work in ``text`` needs (:func:`advisor.rules.datashare.health_need`: a
    scoped API user for a booking bot, the real records for a migration), else an export with the
    fields the job needs."""
    from advisor.rules.access import broad_access, own_account_access
    from advisor.text import name_list

    wide = set(broad_access(access or [])) | set(own_account_access(access or []))
    roles = [a for a in access or [] if a not in wide]
    if roles:
        return f"only the role accounts you listed ({name_list(roles, shown=3)}), never your own login"
    from advisor.rules.datashare import health_need

    need = health_need(text)
    if need:
        return need
    return ("a report export with only the fields the job needs (or a read-only user), never your own "
            "login, and case or chart IDs instead of patients' names")


#: Words of a test that says nothing of whose: "lab results" (of a patient, or of a soil sample).
_TEST_WORDS = frozenset({"lab results"})
#: What a task's lab results are of, when not people's: soil, water, feed, materials, crops.
_NOT_PEOPLE = re.compile(r"\bsoil|\bwater sample|\bcrop|\bfarm|\bfertili[sz]|\bliming\b|\bagronom|\bfeed sample"
                         r"|\bconcrete\b|\bmaterial test|\bfood sample|\bwine analys|\bsolo\b|\bsuelo\b|\bboden", re.IGNORECASE)
#: ...unless the task names people too (a farm's workers' medical checks).
_PEOPLE = re.compile(r"\bpatient|\bclinic|\bdoctor|\bmedical|\bhealth\b|\bemployees?'? (?:health|medical)", re.IGNORECASE)


def health_fields(t: Fact, said: Found, currency: str | None, access: bool = False,
                  accounts: list[str] | None = None, text: str = "") -> None:
    """``health_data`` (the task's words, quoted; "" when none) and ``health_agreement``: whether
    the task's own text says it holds health data is inferred there, with or without the
    ``sensitive_data`` flag (a pharmacy's "Marg ERP login" holds prescriptions). ``health_access``:
    and the person will see it (``access``: the flag, the owner's login or listed access; words
    alone are no access: "a logo our patients will recognise"), one fact so the rule's condition stays small for the engine."""
    t["health_data"] = said.quote("health_data") or ""
    if t["health_data"] and _NOT_PEOPLE.search(text or "") and not _PEOPLE.search(text or ""):
        # lab results of soil, water or feed are no one's health (grading v34 review, soil reports: "LGPD
        # Art. 11" for an agronomy lab's CSV); only the words that name a test say health here
        quotes = [q for q in (said.quotes or {}).get("health_data", ()) if q.casefold() not in _TEST_WORDS]
        t["health_data"] = ", ".join(f'"{q}"' for q in quotes)
    t["data_agreement"] = data_agreement(bool(t["health_data"]), currency)
    t["health_access"] = bool(t["health_data"]) and access
    if t["health_data"]:
        t["health_agreement"] = t["data_agreement"]
        t["health_share"] = health_share(accounts, text)
