"""The clinic's shared store: every desk's journal rows in one PostgreSQL database.

Each desk keeps journaling to its own SQLite file first (the gun's shot is acknowledged after the
local durable commit, never after a network round trip). A replicator ships the desk's rows to the
clinic database in append order, exactly once (key: station + row position), in batches; the
database re-checks every row's hash and its link to the station's previous row, and anchors each
station's head so that a desk journal cut short or rewritten after replication is found.

- ``settings``: where the clinic database is (connection string without password), kept per desk.
- ``connection``: opening a connection (psycopg 3 is imported only here, only when configured).
- ``schema``: tables, append-only triggers, the chain check on arrival, roles and grants.
- ``local_rows``: reading the desk journal's rows in append order, read-only.
- ``replicator``: shipping the rows, once or in a background thread.
- ``verify``: comparing a desk journal with the clinic's anchor; re-walking a station's stored chain.
- ``reader``: a patient's sessions and doses across rooms, or the desk's own when the clinic is away.

Nothing here is imported by the desk app unless a clinic store is configured.
"""
