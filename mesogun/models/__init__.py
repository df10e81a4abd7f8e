"""Domain models: techniques, products and cocktails, sites and acupoints, session plans."""

from mesogun.models.plan import (
    Contraindication,
    Course,
    PlanPoint,
    PlanStep,
    SessionPlan,
    shot_tolerance_ul,
)
from mesogun.models.product import Cocktail, CocktailComponent, Ingredient, Product
from mesogun.models.site import ACUPOINTS, Acupoint, BodyView, Laterality, Site
from mesogun.models.technique import Range, Technique, TechniqueProfile

__all__ = [
    "ACUPOINTS",
    "Acupoint",
    "BodyView",
    "Cocktail",
    "CocktailComponent",
    "Contraindication",
    "Course",
    "Ingredient",
    "Laterality",
    "PlanPoint",
    "PlanStep",
    "Product",
    "Range",
    "SessionPlan",
    "Site",
    "Technique",
    "TechniqueProfile",
    "shot_tolerance_ul",
]
