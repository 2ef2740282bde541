from django import template

from accountability.models import Failure
from accountability.presenters import what_happened as _what_happened

register = template.Library()


@register.filter
def what_happened(failure: Failure) -> str:
    return _what_happened(failure)
