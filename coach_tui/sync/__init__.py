"""Sync through git and encryption at rest (crypto, passphrase sources, merge, transport)."""
