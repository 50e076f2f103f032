"""The shipped production files (deploy/): nginx accepts the configuration and it keeps the promises
the application relies on."""

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
CONF = (ROOT / "deploy" / "nginx" / "wahlkreisrat.conf").read_text()


def bench_http():
    spec = importlib.util.spec_from_file_location("bench_http", ROOT / "bench" / "bench_http.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed (apt-get install nginx)")
def test_nginx_accepts_the_shipped_configuration(tmp_path):
    conf, _, _ = bench_http().nginx_config(tmp_path, 8001, tmp_path / "html")
    result = subprocess.run(["nginx", "-t", "-c", str(conf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not shutil.which("nginx") or not all(m.exists() for m in bench_http().BROTLI_MODULES),
                    reason="nginx's brotli modules are not installed (libnginx-mod-http-brotli-filter/-static)")
def test_nginx_accepts_the_brotli_snippet_where_the_modules_are_installed(tmp_path):
    conf, _, _ = bench_http().nginx_config(tmp_path, 8001, tmp_path / "html", brotli=True)
    assert "brotli on;" in (tmp_path / "brotli.conf").read_text()
    result = subprocess.run(["nginx", "-t", "-c", str(conf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_brotli_is_optional_and_gzip_covers_html_json_feeds_and_calendars():
    assert "include /etc/nginx/snippets/wahlkreisrat-brotl[i].conf;" in CONF  # a pattern: no file, no error
    gzip_types = re.search(r"gzip_types ([^;]+);", CONF).group(1).split()
    assert {"application/json", "application/rss+xml", "application/atom+xml", "text/calendar"} <= set(gzip_types)
    assert not re.search(r"^\s*brotli\w* ", CONF, re.M)  # its directives live in the snippet only


def test_register_extracts_fit_through_the_proxy():
    size = re.search(r"client_max_body_size (\d+)m;", CONF)
    assert size and int(size.group(1)) >= settings.RECRUITMENT_MAX_UPLOAD_MB


def test_original_images_are_refused_and_private_responses_never_micro_cached():
    assert re.search(r"location /media/original_images/ \{ return 404; \}", CONF)
    assert "proxy_no_cache $wahlkreisrat_signed_in $http_authorization $arg_q $upstream_http_set_cookie" in CONF
    assert '"~*public" 0;' in CONF  # only what the application marks public is stored


def test_security_headers_match_the_application():
    headers = (ROOT / "deploy" / "nginx" / "wahlkreisrat-headers.conf").read_text()
    assert f'max-age={settings.SECURE_HSTS_SECONDS if settings.SECURE_HSTS_SECONDS else 31536000}' in headers
    assert "nosniff" in headers and '"same-origin"' in headers
    # every location with its own add_header includes the snippet again (nginx drops inherited ones)
    for block in re.findall(r"location [^{]+\{(.*?)\n    \}", CONF, re.S):
        if "add_header" in block:
            assert "wahlkreisrat-headers.conf" in block
