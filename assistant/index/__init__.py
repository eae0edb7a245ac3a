"""Embeddings, the Chroma store and ingestion."""
