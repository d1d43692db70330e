"""Prefect flows: orchestration only (batching, retries, skipping, summaries)."""
