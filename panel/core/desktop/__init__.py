"""Desktop integration: the application-menu entry and icons."""
