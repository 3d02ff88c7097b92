"""Live figures of running servers: requests running and waiting, prompt and generation
tokens per second, KV-cache use, the last time to first token.

Where they come from: llama-server's ``/metrics`` (only with ``--metrics``; ``/slots`` as a
fallback, which says only how many slots are busy), vLLM's ``/metrics``, and for
whisper-server, which has neither, the transcriptions the panel itself sent
(:mod:`panel.core.metrics.panel_requests`). Prometheus text is parsed by
``prometheus_client``'s parser (:mod:`panel.core.metrics.prometheus`).

- :mod:`~panel.core.metrics.reading`: one raw reading of a server at an instant.
- :mod:`~panel.core.metrics.figures`: rates from two readings, what the strip, the graphs
  and ``inference-panel metrics`` show.
- :mod:`~panel.core.metrics.reader`: the HTTP side, per engine.
- :mod:`~panel.core.metrics.flag`: is ``--metrics`` on, and the profile with it added.
- :mod:`~panel.core.metrics.load_times`: how long each profile took to load last time.
"""
