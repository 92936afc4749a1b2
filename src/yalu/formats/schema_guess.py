"""Guess whether a bare name is a person or an organization (for lists that do not say).

The BIS Denied Persons List, and BIS rows of the Consolidated Screening List, give no
entry type. A name is read as an Organization when it holds a legal-form or business word
("INC", "LLC", "LTD", "S.A.", "GMBH", "COMPANY", "TRADING", "TECHNOLOGY", ...) or a
digit, and as a Person otherwise. The word list favours recall for organizations because a
person misread as an organization loses only the date-of-birth comparison.
"""

from __future__ import annotations

import re

from yalu.models.screening import Schema

_ORGANIZATION_WORDS = (
    "INC|INCORPORATED|LLC|L\\.L\\.C|LTD|LIMITED|LLP|LP|PLC|CO|CORP|CORPORATION|COMPANY|"
    "GMBH|AG|KG|BV|B\\.V|NV|SA|S\\.A|SAS|S\\.A\\.S|SL|S\\.L|SRL|S\\.R\\.L|SPA|S\\.P\\.A|"
    "PTE|PTY|OOO|ZAO|OAO|AO|PJSC|JSC|FZE|FZCO|FZC|LLP|SDN|BHD|KK|"
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


def guess_schema(name: str) -> Schema:
    """Return "Organization" when a name looks like a company, else "Person".

    Args:
        name: a list name in any case ("ELECMAT, INC.", "FUYI SUN").
    """
    upper = name.upper()
    if _DIGIT.search(upper) or _ORGANIZATION.search(upper):
        return "Organization"
    return "Person"
