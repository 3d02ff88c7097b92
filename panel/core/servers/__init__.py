"""Running servers: the supervisor and its guard, readiness, ports, preflight checks, logs, containers."""
