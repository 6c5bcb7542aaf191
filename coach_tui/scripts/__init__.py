"""The stage scripts: TOML files read, validated and offered as one library."""
