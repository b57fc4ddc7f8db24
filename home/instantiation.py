"""Instances read from the database without modelcluster's per-instance lookup.

modelcluster's ``ClusterableModel.__init__`` (every page and every ReceptionSession is one)
lists the model's child relations — two walks over all of its fields — on every
instantiation, to find child rows passed as keyword arguments. Rows read from the database
(``Model.from_db``) and most other constructions pass none: they skip the walk here and go
straight on to the next constructor, as modelcluster itself does when it finds none. A station
page instantiates some forty pages and sessions per request; a list page more."""

from modelcluster.models import ClusterableModel

_cluster_init = ClusterableModel.__init__


def _init(self, *args, **kwargs):
    if kwargs:  # possibly child rows (e.g. StationPage(memberships=[…])): modelcluster's way
        _cluster_init(self, *args, **kwargs)
    else:
        super(ClusterableModel, self).__init__(*args)


def install() -> None:
    if ClusterableModel.__init__ is _cluster_init:
        ClusterableModel.__init__ = _init
