# One container serves one Streamlit process (sessions live in its memory). See README "Deploying for a class".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN useradd --create-home --uid 10001 app
WORKDIR /app

# Dependencies first (cached layer), then the app itself. Only the app's dependencies: no test tools.
COPY pyproject.toml README.md ./
COPY core ./core
RUN pip install . && pip uninstall -y genai-foundations
COPY --chown=app:app . .
RUN pip install --no-deps .

USER app
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0", \
     "--server.headless=true", "--browser.gatherUsageStats=false", "--server.enableXsrfProtection=true"]
