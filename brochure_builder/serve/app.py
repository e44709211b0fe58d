"""The workspace as a web application (Starlette): dashboard, preview, translator view, build button.

Every page is read-only; the one action, building a PDF, is a POST that must
carry the page's token and come from the workspace's own origin, and it writes
only into the output folder (through the build command). Every address names a
job by clinic, leaflet and language, and only a job `build` would make is
found: anything else, unknown ids and `..` included, is a 404. Pages are
escaped Jinja (autoescape): nothing a catalog or a content file says becomes
HTML. Each response carries a content security policy that lets a page reach
nothing but the workspace itself.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import mimetypes
import secrets
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, urlsplit

import jinja2
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response, StreamingResponse
from starlette.routing import Route

from ..errors import BrochureError
from ..files import OutsideContent
from ..pipeline import Job
from .build import build
from .messages import translation
from .watch import Changes, watch
from .workspace import UNBRANDED, Place, Snapshot, place_of, read_snapshot

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
# The content a preview may load: stylesheets, fonts and images of the templates, fonts and clinic folders.
SERVED_FOLDERS = ("templates", "fonts", "clinics")
SERVED_TYPES = (".css", ".ttf", ".otf", ".woff", ".woff2", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
STATIC = ("app.css", "app.js", "screen.css")

PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
               "connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# The leaflet itself: the template's own <style> (fonts and colours generated per clinic), no script at all.
DOCUMENT_POLICY = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                   "font-src 'self' data:; base-uri 'self'; form-action 'none'; frame-ancestors 'self'")
FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox"


@dataclass
class Settings:
    root: Path
    out_dir: Path
    today: dt.date | None = None  # None: the real date, read at each snapshot
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS
    watch: bool = True


class Workspace:
    """The application's state: settings, the current snapshot and who is waiting for the next."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.changes = Changes()
        self.token = secrets.token_urlsafe(32)  # proves a build request came from one of our pages
        self._snapshot: Snapshot | None = None

    def snapshot(self) -> Snapshot:
        if self._snapshot is None:
            self._snapshot = read_snapshot(self.settings.root, self.settings.out_dir, self.settings.today)
        return self._snapshot

    def forget(self) -> None:
        self._snapshot = None


def make_app(settings: Settings) -> Starlette:
    workspace = Workspace(settings)
    pages = _environment()

    def page(name: str, request: Request, status: int = 200, **context) -> HTMLResponse:
        html = pages.get_template(name).render(generation=workspace.changes.generation, token=workspace.token,
                                               settings=settings, **context)
        return HTMLResponse(html, status_code=status)

    def not_found(request: Request, what: str) -> HTMLResponse:
        return page("not_found.html", request, status=404, what=what)

    def job_of(request: Request) -> tuple[Snapshot, Job | None]:
        snapshot = workspace.snapshot()
        params = request.path_params
        return snapshot, snapshot.job(params["clinic"], params["leaflet"], params["lang"])

    async def dashboard(request: Request) -> Response:
        snapshot = workspace.snapshot()
        verdicts = snapshot.verdicts()
        groups = []
        for clinic_id in [*snapshot.clinics, *snapshot.clinic_problems] or [UNBRANDED]:
            rows = [v for v in verdicts if place_of(v.job).clinic == clinic_id]
            groups.append((clinic_id, clinic_name(snapshot, clinic_id), snapshot.clinic_problems.get(clinic_id, []),
                           rows))
        totals = {state: sum(v.state == state for v in verdicts) for state in ("printable", "draft", "overdue",
                                                                                  "refused")}
        return page("dashboard.html", request, snapshot=snapshot, groups=groups, totals=totals, place_of=place_of)

    async def preview(request: Request) -> Response:
        snapshot, job = job_of(request)
        if job is None:
            return not_found(request, "leaflet, language or clinic")
        place = place_of(job)
        others = [p for p in snapshot.jobs if p.clinic == place.clinic and p.leaflet == place.leaflet]
        return page("preview.html", request, place=place, verdict=snapshot.verdict(job),
                    clinic_name=clinic_name(snapshot, place.clinic), others=others, out=shown_out(settings, job))

    async def document(request: Request) -> Response:
        snapshot, job = job_of(request)
        if job is None:
            return not_found(request, "leaflet, language or clinic")
        try:
            html = snapshot.document(job)
        except BrochureError as error:
            response = page("unrenderable.html", request, lines=error.lines())
        else:
            response = HTMLResponse(for_screen(html))
        response.headers["Content-Security-Policy"] = DOCUMENT_POLICY
        return response

    async def translator(request: Request) -> Response:
        snapshot, job = job_of(request)
        if job is None:
            return not_found(request, "leaflet, language or clinic")
        place, verdict = place_of(job), snapshot.verdict(job)
        found = translation(snapshot, job) if verdict.counts is not None else None
        return page("translate.html", request, place=place, verdict=verdict, translation=found,
                    clinic_name=clinic_name(snapshot, place.clinic))

    async def build_pdf(request: Request) -> Response:
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        if not same_origin(request) or not secrets.compare_digest(form.get("token", [""])[0], workspace.token):
            return page("forbidden.html", request, status=403)
        snapshot, job = job_of(request)
        if job is None:
            return not_found(request, "leaflet, language or clinic")
        place = place_of(job)
        built = await build(settings.root, settings.out_dir, job, "allow_incomplete" in form, "allow_overdue" in form,
                            settings.today)
        return page("built.html", request, place=place, built=built, title=snapshot.verdict(job).title,
                    clinic_name=clinic_name(snapshot, place.clinic), out=shown_out(settings, job))

    async def download(request: Request) -> Response:
        _, job = job_of(request)
        if job is None or not job.path.is_file():
            return not_found(request, "PDF (build it first)")
        return FileResponse(job.path, media_type="application/pdf", filename=job.path.name)

    async def content_file(request: Request) -> Response:
        path = PurePosixPath(request.path_params["path"])
        if (len(path.parts) < 2 or path.parts[0] not in SERVED_FOLDERS or ".." in path.parts
                or path.suffix.lower() not in SERVED_TYPES):
            return not_found(request, "file")
        files = workspace.snapshot().project.files
        try:
            data = files.read(Path(*path.parts))
        except (OutsideContent, OSError):
            return not_found(request, "file")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return Response(data, media_type=kind, headers={"Content-Security-Policy": FILE_POLICY,
                                                        "Cache-Control": "no-cache"})

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return not_found(request, "file")
        data = resources.files(__package__).joinpath("static", name).read_bytes()
        return Response(data, media_type=mimetypes.guess_type(name)[0], headers={"Cache-Control": "no-cache"})

    async def events(request: Request) -> Response:
        async def stream():
            yield "retry: 1000\n\n"
            async for generation in workspace.changes.stream():
                yield f"event: generation\ndata: {generation}\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})

    @asynccontextmanager
    async def lifespan(app):
        stop = asyncio.Event()
        task = asyncio.create_task(watch(settings.root, settings.out_dir, workspace.changes, stop, workspace.forget)) \
            if settings.watch else None
        try:
            yield
        finally:
            stop.set()
            workspace.changes.close()
            if task:
                await task

    job_path = "{clinic}/{leaflet}/{lang}"
    routes = [
        Route("/", dashboard),
        Route(f"/preview/{job_path}", preview),
        Route(f"/document/{job_path}", document),
        Route(f"/translate/{job_path}", translator),
        Route(f"/build/{job_path}", build_pdf, methods=["POST"]),
        Route(f"/download/{job_path}", download),
        Route("/files/{path:path}", content_file),
        Route("/static/{name}", static),
        Route("/events", events),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts)),
                                Middleware(_SecurityHeaders)])
    app.state.workspace = workspace

    async def unknown(request: Request, exc) -> Response:
        return not_found(request, "page")

    app.add_exception_handler(404, unknown)
    return app


class _SecurityHeaders:
    """A strict content security policy on every page unless a route set its own; no sniffing; no referrer
    beyond the workspace (a browser then still says where a form came from: see `same_origin`)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                for name, value in ((b"content-security-policy", PAGE_POLICY.encode()),
                                    (b"x-content-type-options", b"nosniff"),
                                    (b"referrer-policy", b"same-origin"),
                                    (b"cross-origin-resource-policy", b"same-origin")):
                    if name not in names:
                        headers.append((name, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def same_origin(request: Request) -> bool:
    """A browser says where a form was sent from; only the workspace's own pages may build."""
    host = request.headers.get("host", "")
    origin = request.headers.get("origin")
    if origin is not None and (origin == "null" or urlsplit(origin).netloc != host):
        return False
    return request.headers.get("sec-fetch-site", "same-origin") == "same-origin"


def clinic_name(snapshot: Snapshot, clinic_id: str) -> str:
    clinic = snapshot.clinics.get(clinic_id)
    if clinic is None:
        return "Unbranded" if clinic_id == UNBRANDED else clinic_id
    return str(clinic.text(clinic.name, "en"))


def shown_out(settings: Settings, job: Job) -> str:
    try:
        return job.path.relative_to(settings.root).as_posix()
    except ValueError:
        return str(job.path)


def for_screen(html: str) -> str:
    """The build's HTML with its relative addresses resolved against the content folder, and a screen sheet.

    The template refers to `leaflet.css`, `../fonts/...` and `../clinics/<id>/...` from templates/;
    a <base> makes those /files/templates/..., served from the content files. The screen sheet
    only sets the page on a screen (width, margins); it comes last, after the print sheets.
    """
    head = html.find("<head>")
    if head >= 0:
        html = html[:head + 6] + '\n<base href="/files/templates/">' + html[head + 6:]
    end = html.rfind("</head>")
    if end >= 0:
        html = html[:end] + '<link rel="stylesheet" href="/static/screen.css">\n' + html[end:]
    return html


STATE_LABELS = {"printable": "Printable", "draft": "Draft", "overdue": "Review overdue", "refused": "Refused",
                "translated": "Translated", "untranslated": "Untranslated", "fuzzy": "Fuzzy",
                "broken": "Error", "source": "Source text"}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader(__package__, "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(state_label=STATE_LABELS.get, Place=Place)
    env.filters["nbsp"] = lambda text: Markup("&nbsp;").join(str(text).split(" "))
    return env
