import pytest

from yalu.formats.schema_guess import guess_schema


@pytest.mark.parametrize(
    "name",
    [
        "ELECMAT, INC.",
        "ARROWTRONIC, LLC",
        "EMPRESA DE TRANSPORTE AEROCARGO DEL SUR, S.A.",
        "KOTO COMMERCIO IBERICA, S.L.",
        "APPLIED SYSTEMS METHODS AND TECHNOLOGY (ASMAT)",
        "Example Electronics Trading Co., Ltd.",
        "TEHRAN 77 AUTOMATION",
        "YARRA ANSTALT A.G.",
        "SUNTRONIC F.Z.E.",
        "GLOBE METALS AB",
        "MAPNA GROUP S.A",
    ],
)
def test_names_with_legal_forms_or_business_words_are_organizations(name: str) -> None:
    assert guess_schema(name) == "Organization"


@pytest.mark.parametrize(
    "name",
    [
        "ABEL HERNANDEZ, JR.",
        "FUYI SUN A/K/A FRANK SUN",
        "PEARL (A.K.A. NEI-CHIEN CHU) LI",
        "JIN, ZHONGDA",
        "Ri Chol Ung",
        "J.R. EWING",
    ],
)
def test_plain_personal_names_are_persons(name: str) -> None:
    assert guess_schema(name) == "Person"
