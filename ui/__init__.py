"""Streamlit UI of IMMEX Guide; talks to the API over HTTP only (never imports `assistant`)."""
