from django import template

from ..figures import figures_for, station_figures

register = template.Library()


@register.inclusion_tag("voices/includes/station_figures.html")
def voices_station_figures(station):
    return {"station": station, "figures": station_figures(station)}


@register.inclusion_tag("voices/includes/overview_figures.html")
def voices_overview_figures(rows):
    """The 网上联络站 figures of the stations on a page of the transparency overview
    (`rows` as the overview builds them: (station, facts, url)), in a constant number of
    queries."""
    stations = [(station, url) for station, _facts, url in rows]
    figures = figures_for([station for station, _url in stations])
    return {
        "rows": [(station, url, figures[station.pk]) for station, url in stations],
        "as_of": next(iter(figures.values())).as_of if figures else None,
    }
