"""HTTP plumbing shared by the chat and speech clients: one client per server, SSE parsing."""
