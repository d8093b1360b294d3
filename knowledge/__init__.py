"""The SEND knowledge base: guidance content as YAML, loaded into SQL, queried by the assistant."""
