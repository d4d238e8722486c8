"""The MXNet 1.9 worker. It lives in its own virtual environment (Workers/python/.venv-mxnet): MXNet 1.9.1, the
last release, needs numpy < 1.24, which the main interpreter's packages cannot share."""
