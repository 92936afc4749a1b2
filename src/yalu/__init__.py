"""yalu: screen names and goods against DPRK sanctions; simulate displacement from the DPRK."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("yalu")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
