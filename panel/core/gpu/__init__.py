"""GPUs: the NVML facade, the sampler that polls it, which server holds which memory
(``attribution``), the graphs' history (``history``) and the feed between them (``feed``)."""
