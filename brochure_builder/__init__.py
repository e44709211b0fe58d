"""Print-ready, translated patient leaflets from structured treatment content."""

__version__ = "0.1.0"
