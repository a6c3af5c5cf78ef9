"""gunicorn settings for production (`gunicorn config.wsgi -c config/gunicorn.py`).

The access log goes to standard output, one line a request, with the secrets that URLs
carry (card links, projected codes, calendar feed addresses, tokens in a query) masked by
config.log.redact, and without the Referer (which repeats the previous page's URL).
"""

from gunicorn.glogging import Logger

from config.log import redact

accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        atoms["f"] = "-"
        return atoms


logger_class = RedactingLogger
