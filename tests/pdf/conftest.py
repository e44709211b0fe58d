"""The PDF tests share `variants` (tests/conftest.py)."""
