"""A real Sanic server on a loopback port, in a background thread, for HTTP tests: of some
blueprints (`Server`), or of input channels in the app `rasa run` builds (`Server.rasa`).

Each app gets its own name, so it does not clash with other test modules' apps in the same run.
"""

import asyncio
import http.client
import itertools
import json
import socket
import threading
from types import SimpleNamespace

from sanic import Sanic

_names = itertools.count()
# Why: Sanic 21.12 rewrites its protocol methods in place when an app starts ("touch-up"), so a
# second app in one process fails (KeyError: 'connection_task') unless test mode keeps the
# originals. Set at import, i.e. at collection, before any test module starts its first app.
Sanic.test_mode = True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A Sanic app serving on a free loopback port from a background thread, until `stop()`."""

    def __init__(self, blueprints: dict[str, object], **ctx):
        app = Sanic(f"test_app_{next(_names)}")
        for prefix, bp in blueprints.items():
            app.blueprint(bp, url_prefix=prefix)
        for name, value in ctx.items():
            setattr(app.ctx, name, value)
        self._serve(app, free_port())

    @classmethod
    def rasa(cls, channels: list, agent) -> "Server":
        """The app `rasa run` builds (Rasa's own factory, its CORS layer included) for these input
        channels, with `agent` in place of a trained model (it gets each UserMessage)."""
        from rasa.core.run import configure_app

        server, port = cls.__new__(cls), free_port()
        app = configure_app(channels, enable_api=False, port=port)
        app.ctx.agent = server.agent = agent
        server._serve(app, port)
        return server

    def _serve(self, app: Sanic, port: int) -> None:
        self.app, self.port, self.host = app, port, f"127.0.0.1:{port}"
        self._loop = asyncio.new_event_loop()
        started = threading.Event()

        def run():
            asyncio.set_event_loop(self._loop)
            srv = self._loop.run_until_complete(
                self.app.create_server(host="127.0.0.1", port=self.port, return_asyncio_server=True)
            )
            self._loop.run_until_complete(srv.startup())
            self._loop.run_until_complete(srv.before_start())
            self._loop.run_until_complete(srv.after_start())
            started.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        assert started.wait(60), "test server did not start"

    def call(self, method: str, path: str, body=None, headers: dict | None = None):
        """(status, lower-case headers, JSON or bytes)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=body, headers=headers)
        res = conn.getresponse()
        raw = res.read()
        conn.close()
        data = (
            json.loads(raw)
            if res.getheader("content-type", "").startswith("application/json")
            else raw
        )
        return SimpleNamespace(
            status=res.status,
            headers={k.lower(): v for k, v in res.getheaders()},
            body=data,
            cookies=[v for k, v in res.getheaders() if k.lower() == "set-cookie"],
        )

    def stop(self):
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)


class FakeAgent:
    """Stands in for rasa.core.agent.Agent (for `Server.rasa` or a channel's blueprint): records
    each message and answers "echo: <text>"; a test's subclass answers some texts its own way
    by overriding `reply`."""

    def __init__(self, tracker_store=None):
        self.messages = []
        self.tracker_store = tracker_store

    async def handle_message(self, message):
        self.messages.append(message)
        await self.reply(message, message.output_channel)

    async def reply(self, message, out):
        await out.send_text_message(message.sender_id, "echo: " + message.text)
