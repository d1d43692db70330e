"""Reading, normalizing, structuring and storing Vietnamese administrative documents."""

PIPELINE_VERSION = "0.1.0"
