"""The product catalogue: products resolve by substance, not name; corticoids and unknown ones refused."""

from __future__ import annotations

import pytest

from mesogun.catalogue import ProductRefusedError, ingredients_of, load_catalogue, mg_per_ml, substance_mg
from mesogun.models import CocktailComponent, Ingredient, Product


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1 %", 10.0), ("2 %", 20.0), ("0,5 %", 5.0), ("20 mg/ml", 20.0), ("4 mg/2 ml", 2.0), ("15 %", 150.0)],
)
def test_concentrations_give_mg_per_ml(text: str, expected: float) -> None:
    assert mg_per_ml(text) == pytest.approx(expected)


def test_lidocaine_2_percent_is_lidocaine_at_20_mg_per_ml() -> None:
    # "Lidocaïne 2 %" used to miss the 1 % entry and get the default caps: it is the same substance.
    assert ingredients_of(Product(name="Lidocaïne", concentration="2 %")) == (
        Ingredient(substance="lidocaine", mg_per_ml=20.0),
    )


def test_a_brand_name_resolves_to_its_substance() -> None:
    assert ingredients_of(Product(name="Xylocaïne", concentration="1 %"))[0].substance == "lidocaine"
    assert ingredients_of(Product(name="FELDENE", concentration="20 mg/ml"))[0].substance == "piroxicam"


@pytest.mark.parametrize("name", ["Dexaméthasone", "Diprostène", "Kenacort"])
def test_corticoids_are_refused(name: str) -> None:
    # seed 002: « anti-inflammatoires (mais jamais de corticoïdes) »
    with pytest.raises(ProductRefusedError) as refused:
        ingredients_of(Product(name=name, concentration="4 mg/ml"))
    assert refused.value.reason == "corticoid"


def test_a_declared_corticoid_is_refused_too() -> None:
    declared = Product(
        name="X", concentration="4 mg/ml", ingredients=(Ingredient(substance="dexamethasone", mg_per_ml=4),)
    )
    with pytest.raises(ProductRefusedError, match="corticoid"):
        ingredients_of(declared)


def test_an_unlisted_product_is_refused_unless_its_substance_is_declared() -> None:
    with pytest.raises(ProductRefusedError) as refused:
        ingredients_of(Product(name="Diazépam", concentration="5 mg/ml"))
    assert refused.value.reason == "unknown"
    declared = Product(
        name="Valium",
        concentration="10 mg/2 ml",
        ingredients=(Ingredient(substance="diazepam", mg_per_ml=5.0),),
    )
    assert ingredients_of(declared)[0].substance == "diazepam"


def test_a_declared_substance_outside_the_catalogue_is_refused() -> None:
    declared = Product(
        name="X", concentration="1 mg/ml", ingredients=(Ingredient(substance="mystery", mg_per_ml=1),)
    )
    with pytest.raises(ProductRefusedError) as refused:
        ingredients_of(declared)
    assert refused.value.reason == "unknown-substance"


def test_every_substance_cites_a_source_and_every_usable_one_has_caps_in_mg() -> None:
    catalogue = load_catalogue()
    for substance in catalogue.substances.values():
        assert substance.sources
        if not substance.refused:
            caps = substance.caps
            assert caps.per_point_mg <= caps.per_session_mg <= caps.per_24h_mg <= caps.per_7d_mg


def test_piroxicam_caps_are_one_daily_dose() -> None:
    # RCP Feldène 20 mg/1 ml, rubrique 4.2: « 20 mg par jour »
    caps = load_catalogue().substance("piroxicam").caps
    assert caps.per_24h_mg == 20.0


def test_per_kg_cap_lowers_the_24h_cap_for_a_light_patient() -> None:
    caps = load_catalogue().substance("lidocaine").caps
    assert caps.per_24h_for(None) == 200.0
    assert caps.per_24h_for(40.0) == pytest.approx(120.0)


def test_substance_mg_splits_a_cocktail_volume() -> None:
    contents = (
        CocktailComponent(
            product=Product(
                name="Piroxicam",
                concentration="20 mg/ml",
                ingredients=(Ingredient(substance="piroxicam", mg_per_ml=20),),
            ),
            proportion_pct=25.0,
        ),
        CocktailComponent(
            product=Product(
                name="Lidocaïne",
                concentration="1 %",
                ingredients=(Ingredient(substance="lidocaine", mg_per_ml=10),),
            ),
            proportion_pct=75.0,
        ),
    )
    assert substance_mg(contents, 2400.0) == {
        "piroxicam": pytest.approx(12.0),
        "lidocaine": pytest.approx(18.0),
    }
