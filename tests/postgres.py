"""The PostgreSQL server of the test database, for tests that make a database of their own beside it."""

from django.conf import settings


def server_url() -> str:
    """postgres://user@host:port of the test database's server, without a database name."""
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"


def beheer(opdracht: str) -> None:
    """Runs one statement that cannot run in a transaction (CREATE or DROP DATABASE) on the server."""
    import psycopg2

    verbinding = psycopg2.connect(f"{server_url()}/postgres")
    verbinding.autocommit = True
    try:
        with verbinding.cursor() as cursor:
            cursor.execute(opdracht)
    finally:
        verbinding.close()
