"""Distances and bounding boxes on the sphere, for "near a point" search (plain Python, no geocoder).

The mean Earth radius is the IUGG value R1 = 6371.0088 km (Moritz, "Geodetic Reference System 1980",
Journal of Geodesy 74 (2000) 128–133); haversine on a sphere is within about 0.5 % of the ellipsoid,
which is plenty to sort meetings by distance.
"""

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344  # international mile (exact by definition)
MAX_LATITUDE = 90.0
FULL_CIRCLE = 360.0
HALF_CIRCLE = 180.0


@dataclass(frozen=True, slots=True)
class Box:
    """Latitude and longitude ranges; `wraps` when the longitude range crosses the antimeridian."""

    south: float
    north: float
    west: float
    east: float

    @property
    def wraps(self) -> bool:
        return self.west > self.east


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance by the haversine formula."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> Box:
    """The smallest latitude/longitude box holding every point within `radius_km` of (lat, lon).

    Near a pole (or for a radius reaching past it) the box takes every longitude.
    """
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    south, north = max(-MAX_LATITUDE, lat - dlat), min(MAX_LATITUDE, lat + dlat)
    angular = radius_km / EARTH_RADIUS_KM
    sin_ratio = math.sin(angular) / max(math.cos(math.radians(lat)), 1e-12)
    if north >= MAX_LATITUDE or south <= -MAX_LATITUDE or sin_ratio >= 1:
        return Box(south, north, -HALF_CIRCLE, HALF_CIRCLE)
    dlon = math.degrees(math.asin(sin_ratio))
    west, east = lon - dlon, lon + dlon
    if west < -HALF_CIRCLE:
        west += FULL_CIRCLE
    if east > HALF_CIRCLE:
        east -= FULL_CIRCLE
    return Box(south, north, west, east)
