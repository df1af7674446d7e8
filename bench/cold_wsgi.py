"""The site's WSGI application with no stored fragment read or written (bench/render.py, cold).

Every request renders inside ``serving.validators.uncached()``, as a draft's preview does: no
stored fragment (serving/fragments.py: the page's <main>, its JSON-LD, the Viber block) is read
or written, so each is built, as on the first render after a save. Benchmark only: the site
never runs it.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integration_site.settings")
site = get_wsgi_application()

from serving.validators import uncached  # noqa: E402 (Django is set up above)


def application(environ, start_response):
    with uncached():
        return site(environ, start_response)
