# Fixture: Flask file downloads (path traversal). Exercises send_file of a joined path, open() of a route
# variable in an f-string, and the safe forms: send_from_directory, secure_filename, and a realpath
# containment check that aborts.
# Right answer: attachment and report are path traversal; download, upload and export are safe.
import os

from flask import Flask, abort, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOADS = "/srv/uploads"


@app.route("/attachment")
def attachment():
    return send_file(os.path.join(UPLOADS, request.args["name"]))  # want: path-traversal


@app.route("/reports/<report>")
def report(report):
    with open(f"/srv/reports/{report}") as f:  # want: path-traversal
        return f.read()


@app.route("/download/<name>")
def download(name):
    return send_from_directory(UPLOADS, name)  # safe: send_from_directory joins safely


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["file"]
    dest = os.path.join(UPLOADS, secure_filename(f.filename))
    f.save(dest)
    return send_file(dest)  # safe: secure_filename


@app.route("/export")
def export():
    full = os.path.realpath(os.path.join(UPLOADS, request.args.get("file", "")))
    if not full.startswith(UPLOADS + os.sep):
        abort(400)
    return send_file(full)  # safe: contained in UPLOADS
