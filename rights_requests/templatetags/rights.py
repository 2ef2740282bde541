from django import template

register = template.Library()


@register.filter
def magnitude(value: int) -> int:
    """Days overdue from a negative days-left figure."""
    return abs(int(value))
