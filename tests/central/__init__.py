"""Central: a real `central serve` on 127.0.0.1 over real HTTP, on SQLite and (when configured) PostgreSQL."""
