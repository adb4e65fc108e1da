"""Deployment: N app processes behind nginx on one machine (scaled.py), Kubernetes manifests (k8s/)."""
