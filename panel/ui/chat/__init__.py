"""The vision chat tab: server box, images, prompt, the streamed conversation."""
