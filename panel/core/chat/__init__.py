"""Vision chat: the streaming client, request payloads, images, and curl export."""
