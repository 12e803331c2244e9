"""One router per resource; ``onward.api.api`` mounts them under ``/api/v1/``."""
