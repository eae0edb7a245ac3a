"""Evaluation harness: gold Q&A set, metrics, reports, run comparison and benchmarks."""
