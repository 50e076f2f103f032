"""A small browser for deploy/scaleout_check.py: cookies, CSRF, HTML forms and uploads over plain HTTP.

It talks to gunicorn directly, as nginx would after terminating TLS: every request says
``X-Forwarded-Proto: https`` (the production settings trust it), so secure session cookies and
CSRF's origin check behave as on the real site. Cookies are kept per browser, not per instance:
one person, several instances behind one address.
"""

import http.client
import json
import re
import secrets
import urllib.parse
from html.parser import HTMLParser


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)

    def header(self, name):
        return self.headers.get(name.lower())


class Browser:
    def __init__(self):
        self.cookies = {}

    def request(self, port, method, path, body=None, headers=None, cookies=True):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        sent = {"Host": f"127.0.0.1:{port}", "X-Forwarded-Proto": "https", "Accept-Encoding": "identity"}
        if cookies and self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            sent["Origin"] = f"https://127.0.0.1:{port}"
            sent["Referer"] = f"https://127.0.0.1:{port}{path}"
        sent.update(headers or {})
        conn.request(method, path, body=body, headers=sent)
        raw = conn.getresponse()
        data = raw.read()
        received = {}
        for name, value in raw.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                if cookies:
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            received[name.lower()] = value
        conn.close()
        return Response(raw.status, received, data)

    def get(self, port, path, **kwargs):
        return self.request(port, "GET", path, **kwargs)

    def post_form(self, port, path, fields):
        body = urllib.parse.urlencode(fields, doseq=True)
        return self.request(port, "POST", path, body=body,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})

    def post_multipart(self, port, path, fields, files):
        boundary = "scaleout" + secrets.token_hex(8)
        parts = []
        for name, values in fields.items():
            for value in values if isinstance(values, list) else [values]:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
                             .encode())
        for name, (filename, content, content_type) in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"'
                         f"\r\nContent-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(port, "POST", path, body=b"".join(parts),
                            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})


class _FormParser(HTMLParser):
    """The fields of the first form whose action or id matches: what a browser would submit,
    without JavaScript (checked boxes, selected options, textareas)."""

    def __init__(self, match):
        super().__init__(convert_charrefs=True)
        self.match, self.inside, self.done = match, False, False
        self.fields, self.select, self.textarea, self.text = {}, None, None, []

    def add(self, name, value):
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and not self.inside:
            self.inside = re.search(self.match, f"{a.get('action', '')} {a.get('id', '')}") is not None
            return
        if not self.inside or not a.get("name"):
            if self.inside and tag == "option" and self.select is not None:
                self._option(a)
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.add(a["name"], a.get("value", "on" if kind in ("checkbox", "radio") else ""))
        elif tag == "textarea":
            self.textarea, self.text = a["name"], []
        elif tag == "select":
            self.select = {"name": a["name"], "first": None, "chosen": None}

    def _option(self, a):
        value = a.get("value", "")
        if self.select["first"] is None:
            self.select["first"] = value
        if "selected" in a:
            self.select["chosen"] = value

    def handle_data(self, data):
        if self.textarea is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True
        elif tag == "textarea" and self.textarea is not None:
            self.add(self.textarea, "".join(self.text).lstrip("\n"))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            value = self.select["chosen"] if self.select["chosen"] is not None else self.select["first"]
            if value is not None:
                self.add(self.select["name"], value)
            self.select = None


def form_fields(html, match):
    """{name: [values]} of the first form whose action or id matches the regular expression."""
    parser = _FormParser(match)
    parser.feed(html)
    return parser.fields
