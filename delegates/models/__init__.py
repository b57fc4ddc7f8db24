from .common import DelegationGroup, PointsRule, StarAssessment, Street
from .delegate import (
    DelegateIndexPage,
    DelegatePage,
    DelegateRole,
    PerformanceRecord,
    records_by_year,
)
from .station import (
    SIX_HAVES,
    ReceptionSession,
    StationCommunity,
    StationMembership,
    StationPage,
    StationPhoto,
    StationRuleDocument,
)
from .station_index import StationIndexPage

__all__ = [
    "SIX_HAVES",
    "DelegateIndexPage",
    "DelegatePage",
    "DelegateRole",
    "DelegationGroup",
    "PerformanceRecord",
    "PointsRule",
    "ReceptionSession",
    "StarAssessment",
    "StationCommunity",
    "StationIndexPage",
    "StationMembership",
    "StationPage",
    "StationPhoto",
    "StationRuleDocument",
    "Street",
    "records_by_year",
]
