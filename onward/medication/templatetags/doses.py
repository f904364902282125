"""`{% load doses %}` … `{{ order.dose_mg|mg }} mg`: see `onward.medication.display.mg`."""

from django import template

from onward.medication.display import mg

register = template.Library()
register.filter("mg", mg)
