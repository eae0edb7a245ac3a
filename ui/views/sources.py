"""Sources page (entry point for st.navigation)."""

from ui.sources import render

render()
