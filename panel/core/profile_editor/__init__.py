"""What the profile editor decides without a window: checks of a draft profile, field by
field, and the command line it would run (never reading a secret)."""
