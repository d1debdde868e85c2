"""The local cache: typed ORM, migrations, repositories returning frozen DTOs. Qt-free."""
