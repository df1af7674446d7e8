"""gunicorn's access log as one JSON object per request (``logger_class`` in gunicorn.conf.py).

gunicorn writes the access log, not Django, so that static files answered by whitenoise and
cached pages are logged too, once, with the time the whole request took.
"""

import json
import time
import traceback

from gunicorn.glogging import Logger

from serving.logs import JsonFormatter


class JsonAccessLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        # gunicorn's own messages (start, stop, worker timeouts) as JSON too.
        for handler in self.error_log.handlers:
            handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "type": "access",
            "remote_addr": environ.get("REMOTE_ADDR", ""),
            "method": environ.get("REQUEST_METHOD", ""),
            "path": environ.get("PATH_INFO", ""),
            "query": environ.get("QUERY_STRING", ""),
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 3),
            "referer": environ.get("HTTP_REFERER", ""),
            "user_agent": environ.get("HTTP_USER_AGENT", ""),
            "request_id": environ.get("HTTP_X_REQUEST_ID", ""),
        }
        try:
            self.access_log.info(json.dumps(entry, ensure_ascii=False))
        except Exception:
            self.error(traceback.format_exc())
