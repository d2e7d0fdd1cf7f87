"""Thumbnailer: resizes member photos on demand."""
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/thumb")
def thumb():
    size = request.args.get("size", "128x128")
    name = request.args.get("name")
    subprocess.run(f"convert /photos/{name} -resize {size} /tmp/out.png", shell=True, check=True)
    return "ok"
