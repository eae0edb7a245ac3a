"""Conversation facts: typed values parsed from the user turns."""
