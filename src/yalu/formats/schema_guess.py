"""Guess whether a bare name is a person or an organization (for lists that do not say).

The BIS Denied Persons List, and BIS rows of the Consolidated Screening List, give no
entry type. A name is read as an Organization when it holds a legal-form or business word
("INC", "LLC", "LTD", "S.A.", "GMBH", "AB", "ANSTALT", "COMPANY", "TRADING", ...) or a
digit, and as a Person otherwise. Letters written with dots are read run together
(`A.G.` is `AG`, `F.Z.E.` is `FZE`), so each legal form is listed once. The word list
favours recall for organizations because a person misread as an organization loses only
the date-of-birth comparison.
"""

from __future__ import annotations

import re

from yalu.models.screening import Schema

_ORGANIZATION_WORDS = (
    "INC|INCORPORATED|LLC|LTD|LTDA|LIMITED|LLP|LP|PLC|CO|CORP|CORPORATION|COMPANY|CIA|"
    "GMBH|AG|KG|BV|NV|SA|SAS|SARL|SL|SRL|SRO|SPA|AB|OY|OYJ|KFT|ANSTALT|ESTABLISHMENT|"
    "PTE|PTY|OOO|ZAO|OAO|AO|PAO|PJSC|JSC|CJSC|OJSC|OOD|EOOD|FZE|FZCO|FZC|SDN|BHD|KK|"
    "TRADING|TRADE|INTERNATIONAL|INTL|GROUP|HOLDING|HOLDINGS|INDUSTRIES|INDUSTRIAL|"
    "INDUSTRY|ENTERPRISE|ENTERPRISES|SERVICES|SERVICE|TECHNOLOGY|TECHNOLOGIES|TECH|"
    "ELECTRONICS|ELECTRONIC|SYSTEMS|SOLUTIONS|AVIATION|AIRLINES|AIRWAYS|AIR|AEROSPACE|"
    "SHIPPING|MARINE|MARITIME|LOGISTICS|EXPORT|EXPORTS|IMPORT|IMPORTS|SUPPLY|SUPPLIES|"
    "BANK|UNIVERSITY|INSTITUTE|ACADEMY|CENTER|CENTRE|LABORATORY|LABORATORIES|"
    "MINISTRY|BUREAU|AGENCY|DEPARTMENT|FOUNDATION|ASSOCIATION|COMMITTEE|ORGANIZATION|"
    "EMPRESA|COMPANIA|SOCIEDAD|MANUFACTURING|ENGINEERING|EQUIPMENT|CHEMICAL|CHEMICALS|"
    "PETROLEUM|ENERGY|GLOBAL|WORLDWIDE|PARTNERS|VENTURES|FACTORY|PLANT|WORKS|"
    "DISTRIBUTORS|DISTRIBUTION|CONSULTING|MOTORS|INSTRUMENTS|SUPPLIERS|BROTHERS|"
    "DEVELOPMENT|INVESTMENT|INVESTMENTS|OFFICE|STORE|SHOP|EXPRESS|NETWORK|NETWORKS|"
    "TRANSPORT|FREIGHT|CARGO|MACHINERY|SCIENCE|SCIENTIFIC|RESEARCH"
)
_ORGANIZATION = re.compile(rf"(?:^|[\s,(&/-])(?:{_ORGANIZATION_WORDS})\.?(?=$|[\s,).&/-])")
_DIGIT = re.compile(r"\d")
_DOTTED = re.compile(r"\b[A-Z](?:\.[A-Z])+\.?")
"""Letters written with dots (`S.A`, `A.G.`, `L.L.C.`), read run together."""


def guess_schema(name: str) -> Schema:
    """Return "Organization" when a name looks like a company, else "Person".

    Args:
        name: a list name in any case ("ELECMAT, INC.", "FUYI SUN").
    """
    upper = _DOTTED.sub(lambda letters: letters.group().replace(".", ""), name.upper())
    if _DIGIT.search(upper) or _ORGANIZATION.search(upper):
        return "Organization"
    return "Person"
