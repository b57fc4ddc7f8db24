"""The motions factories live in tests/motions/fixtures.py (a plugin of tests/conftest.py, so
the site-wide tests can use them too)."""
