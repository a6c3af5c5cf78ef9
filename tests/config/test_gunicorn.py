"""The access log that config/gunicorn.py sets up masks the secrets URLs carry."""

import datetime
from types import SimpleNamespace

from gunicorn.config import Config

from config import gunicorn as conf


def test_access_log_masks_card_links_and_feed_tokens():
    cfg = Config()
    cfg.set("access_log_format", conf.access_log_format)
    logger = conf.RedactingLogger(cfg)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/checkin/card/Zq8Kd0LmS3xYpW7vTn2RbQ4e/?x=1",
        "PATH_INFO": "/checkin/card/Zq8Kd0LmS3xYpW7vTn2RbQ4e/",
        "QUERY_STRING": "token=Zq8Kd0LmS3xYpW7vTn2",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.1",
        "HTTP_REFERER": "https://x/feeds/t/abcdefghijklmnop.ics",
    }
    resp = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = logger.atoms(resp, SimpleNamespace(headers=[]), environ, datetime.timedelta(0, 0, 5))
    line = conf.access_log_format % atoms
    assert line.startswith('10.0.0.1 "GET /checkin/card/[redacted]/?x=1 HTTP/1.1" 200 10')
    assert "Zq8Kd0" not in atoms["q"] + atoms["U"] and atoms["f"] == "-"
    assert conf.logger_class is conf.RedactingLogger
