"""ui: Streamlit + Altair helpers shared by every page (page frame, charts, lecture registry)."""
