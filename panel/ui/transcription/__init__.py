"""The transcription tab: push-to-talk, files, the history of transcripts."""
