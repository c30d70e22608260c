"""Registrations for tests/test_permissietabel.py: one module per app (see objecten.py)."""
