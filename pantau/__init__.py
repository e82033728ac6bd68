"""pantau: monitor Indonesian regional news for BPJS Kesehatan UHC Award facts."""

__version__ = "0.1.0"
