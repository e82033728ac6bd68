"""pantau: monitor Indonesian regional news for BPJS Kesehatan UHC Award facts."""

from importlib.metadata import version

# The one version string is pyproject.toml's; everything else reads it from the install.
__version__ = version("pantau")
