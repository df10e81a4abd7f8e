"""The lots of the products used in the latest sessions of the journal, to offer them again.

A clinic opens a box of vials and uses it over many sessions: the lot and expiry of each product are
offered for the next session, to be confirmed with a click (never filled in silently); an expired lot
offered again is still refused by the form.
"""

from __future__ import annotations

from datetime import date

from mesogun.journal import JournalStore

#: How many of the latest sessions are read to find each product's last lot.
SESSIONS_READ = 20

#: (product name, concentration) → (lot, expiry) as recorded in the latest session that used it.
LastLots = dict[tuple[str, str], tuple[str, date | None]]


def read_last_lots(journal: JournalStore) -> LastLots:
    """The last lot and expiry recorded for each product (latest sessions first)."""
    found: LastLots = {}
    latest = sorted(journal.sessions(), key=lambda summary: summary.started_at, reverse=True)
    for summary in latest[:SESSIONS_READ]:
        for product in journal.session(summary.session_id).products:
            key = (product.name, product.concentration)
            if product.lot and key not in found:
                found[key] = (product.lot, product.expiry)
    return found
