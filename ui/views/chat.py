"""Chat page (entry point for st.navigation)."""

from ui.chat_flow import render

render()
