# Fixture: a Flask webhook and link-preview service (SSRF). Exercises request.args.get, request.json,
# requests and urllib, an f-string whose host is fixed, and a urlparse host allow-list that aborts.
# Right answer: two SSRF findings (preview, callback); avatar and image are safe.
from urllib.parse import urlparse
from urllib.request import urlopen

import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
ALLOWED_HOSTS = {"images.acme.example", "cdn.acme.example"}


@app.route("/preview")
def preview():
    url = request.args.get("url")
    resp = requests.get(url, timeout=5)  # want: ssrf
    return resp.text[:500]


@app.post("/callback")
def callback():
    hook = request.json["callback"]
    with urlopen(hook, timeout=3) as r:  # want: ssrf
        return jsonify(status=r.status)


@app.get("/avatar/<username>")
def avatar(username):
    r = requests.get(f"https://api.github.com/users/{username}", timeout=5)  # safe: the host is fixed
    return jsonify(r.json().get("avatar_url"))


@app.get("/image")
def image():
    src = request.args.get("src", "")
    if urlparse(src).hostname not in ALLOWED_HOSTS:
        abort(403)
    return requests.get(src, timeout=5).content  # safe: host allow-list above
