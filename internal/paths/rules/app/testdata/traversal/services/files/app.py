# The download service: serves documents from /srv/docs.
#
# FIXTURE: path traversal. os.path.join keeps "../" and absolute names, so GET /download?name=/etc/passwd
# returns any file the process can read. The fix is to resolve the path and refuse what leaves /srv/docs.
import os

from flask import Flask, request, send_file

app = Flask(__name__)
ROOT = "/srv/docs"


@app.get("/download")
def download():
    return send_file(open(os.path.join(ROOT, request.args["name"]), "rb"), mimetype="application/octet-stream")
