"""Custom actions: thin glue between the dialogue and the knowledge base in knowledge/."""
