"""Peer benchmarks: build packs from many assessments, and place one assessment in them."""
