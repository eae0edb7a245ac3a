"""Deadlines page (entry point for st.navigation)."""

from ui.deadlines import render

render()
