"""A realistic demo practice, played through the store's public API."""
