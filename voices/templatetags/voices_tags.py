from django import template

from ..figures import station_figures

register = template.Library()


@register.inclusion_tag("voices/includes/station_figures.html")
def voices_station_figures(station):
    return {"station": station, "figures": station_figures(station)}
