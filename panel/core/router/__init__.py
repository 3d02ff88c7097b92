"""One OpenAI-compatible address for every profile (issue 18).

A request names its ``model``; the router finds the profile (its name, ``--alias``,
``--served-model-name``), starts its server if it is stopped (other requests for it
wait in a bounded queue), stops least recently used servers it started when the GPU is
short, forwards the request and streams the answer back as it comes. Servers it
started are stopped again after their idle time. See ``docs/router.md``.

The HTTP stack is aiohttp: one well-kept package (aio-libs, releases every few weeks,
typed) that is both the server and the streaming client, with back-pressure on both
sides (``StreamResponse.write`` waits for the client's socket to drain; the client's
``content.iter_any`` reads only as fast as we write) and cancellation of a handler whose
client disconnected (``handler_cancellation``), which is how a closed client connection
becomes a closed connection to the server. Starlette + uvicorn + httpx would need three
packages and a thread-safe shutdown of uvicorn's loop for the same.

Modules: ``names`` (model -> profile, routes), ``pool`` (on demand, idle unload,
eviction), ``memory`` (GPU need and use), ``proxy`` (the handlers), ``records`` (the
live request list, token counts, copy as curl), ``service`` (the :class:`Router` the
window and ``inference-panel router`` run).
"""
