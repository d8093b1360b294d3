"""Web chat channel: an embeddable, accessible chat widget for council websites.

Configured in credentials.yml as ``webchat.channel.WebChatInput``.
"""
