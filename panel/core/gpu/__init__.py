"""GPUs: the NVML facade and the sampler that polls it."""
