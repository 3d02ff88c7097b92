"""The config file: server profiles, their defaults, and the TOML store that keeps them."""
