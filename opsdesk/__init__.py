"""opsdesk: the desktop of a gminny ośrodek pomocy społecznej run on the separation model."""

__version__ = "0.1.0"
