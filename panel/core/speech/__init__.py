"""Transcription: recording, WAV, the whisper.cpp/OpenAI clients, the transcript store, subtitles."""
