"""The Router tab: the router's address and state, and every request that went through it."""
