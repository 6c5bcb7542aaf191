"""The practice on disk: crash-safe files, codecs and migrations, the Practice facade."""
