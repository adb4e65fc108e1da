# One container serves one Streamlit process: sessions live in its memory, and it uses about one core.
# Scale out with replicas behind a sticky load balancer (deploy/k8s/, README "Deploying for a class").
# Build: docker build -t genai-foundations .     Run: docker run -p 8501:8501 genai-foundations
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
RUN useradd --create-home --uid 10001 app
WORKDIR /app

# The app's dependencies only (no test tools), read from pyproject.toml: this layer is rebuilt only when the
# dependencies change, not on every code change. The app itself runs from /app (core, ui, scenes, lecture, app_pages).
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
      > /tmp/requirements.txt \
 && pip install -r /tmp/requirements.txt \
 && rm /tmp/requirements.txt

# The code, owned by root and read-only for the app user; compiled once here (the app user cannot write .pyc).
COPY . .
RUN python -m compileall -q core ui scenes lecture app_pages app.py

USER app
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"
# .streamlit/config.toml (copied above) holds the other settings: upload cap, XSRF, no telemetry, postScriptGC.
# Replicas behind one load balancer should share STREAMLIT_SERVER_COOKIE_SECRET (deploy/k8s/deployment.yaml).
# deploy/warm.py opens every page once in the background as soon as the server answers (the first students find
# every page's default pictures computed); exec keeps streamlit as the process that receives the stop signal.
CMD ["sh", "-c", "python -m deploy.warm --url http://127.0.0.1:8501 --quiet & exec python -m streamlit run app.py --server.port=8501 --server.address=0.0.0.0 --server.headless=true --browser.gatherUsageStats=false --server.enableXsrfProtection=true"]
