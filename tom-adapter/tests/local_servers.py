"""Tiny loopback servers for the failure paths a real FinkTom does not produce on demand: a server that never
answers (timeout), one that answers something other than FinkTom (HTML, Fink's Python-repr errors), and one that
records the request headers. Each runs in a thread and stops with its context manager."""
import socket
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def silent_server():
    """Accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(8)
    try:
        yield f'http://127.0.0.1:{listener.getsockname()[1]}'
    finally:
        listener.close()


@contextmanager
def canned_server(status=200, body=b'[]', content_type='application/json'):
    """Answers every request with the same response; ``the yielded list records each request (method, path, headers, body)."""
    with _server(lambda seen: (status, {'Content-Type': content_type}, body)) as (url, seen):
        yield url, seen


@contextmanager
def scripted_server(responses):
    """Answers the n-th request with ``responses[n]`` (the last one for every request after), each a
    ``(status, headers, body)``; yields the base URL and the requests seen (method, path, headers, body)."""
    with _server(lambda seen: responses[min(len(seen), len(responses)) - 1]) as (url, seen):
        yield url, seen


@contextmanager
def _server(answer):
    """A threaded loopback server; ``answer(seen)`` gives (status, headers, body) once the request is recorded."""
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self):
            length = int(self.headers.get('Content-Length') or 0)
            seen.append((self.command, self.path, dict(self.headers), self.rfile.read(length)))
            status, headers, body = answer(seen)
            self.send_response(status)
            for name, value in {'Content-Type': 'application/json', **headers}.items():
                self.send_header(name, value)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f'http://127.0.0.1:{server.server_address[1]}', seen
    finally:
        server.shutdown()
        server.server_close()
