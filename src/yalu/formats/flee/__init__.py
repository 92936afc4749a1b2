"""Read and write FLEE validation cases (the FabFlee folder layout), one module per part.

* `case`: `read_case` / `write_case`, the whole folder and its cross-file checks;
* `tables`: the `input_csv/` tables (locations, routes, closures, conflicts, period);
* `source`: the observed UNHCR series of `source_data/` and registration corrections;
* `settings`: `simsetting.yml`, with FLEE's alternative spellings.

Typical use::

    from yalu.formats.flee import read_case

    case = read_case(Path("../shared/data/flee-cases/mali2012"))
"""

from yalu.formats.flee.case import read_case, write_case
from yalu.formats.flee.settings import read_settings, write_settings
from yalu.formats.flee.source import read_observed, read_series

__all__ = [
    "read_case",
    "read_observed",
    "read_series",
    "read_settings",
    "write_case",
    "write_settings",
]
