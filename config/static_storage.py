"""Production's static files storage (WhiteNoise's compressed manifest storage) that
remembers each URL it has worked out. Its manifest is read once when the process starts
and a deploy restarts the processes, so the URL of a name cannot change while they run;
working it out again cost every page about 30 us per {% static %} tag (five on each
pupil check-in page: docs/attendance-performance.md)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.known_urls: dict[str, str] = {}

    def url(self, name: str, force: bool = False) -> str:
        if force:
            return super().url(name, force)
        url = self.known_urls.get(name)
        if url is None:
            url = self.known_urls[name] = super().url(name)
        return url
