"""Eligibility checker page (entry point for st.navigation)."""

from ui.eligibility import render

render()
