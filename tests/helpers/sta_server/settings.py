"""Settings for a real OGC SensorThings v1.1 server (PyPI ``django-ogc-sensorthings``) in the e2e tests.

Configured from the environment: ``STA_DB`` (SQLite file), ``STA_URL`` (the service URL the server
writes into its links). Not part of the kiosk: the tests start it as a separate process.
"""

import os
from uuid import UUID

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "sensorthings.versions.v1_1",
    "sensorthings.versions.v1_1.backends.django",
    "sensorthings.versions.v1_1.extensions.dataarray",
]
ROOT_URLCONF = "tests.helpers.sta_server.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["STA_DB"]}}
USE_TZ = True
TIME_ZONE = "UTC"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SENSORTHINGS_V1_1_SERVICE_URL = os.environ["STA_URL"]
SENSORTHINGS_V1_1_BACKEND_ADAPTER = "sensorthings.versions.v1_1.backends.django.adapter.DjangoBackendAdapter"
SENSORTHINGS_V1_1_ID_TYPE = UUID
SENSORTHINGS_V1_1_ID_DELIMITER = "'"
SENSORTHINGS_V1_1_DOCS_ENABLED = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
