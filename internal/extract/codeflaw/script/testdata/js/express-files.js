// Fixture: file download handlers (path traversal). Exercises res.sendFile with and without the root option,
// fs.readFile of a template-literal path, path.basename, and a resolve-then-startsWith containment check.
// Right answer: the attachment and report handlers are path traversal; the other three are safe.
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
const UPLOAD_DIR = path.resolve(__dirname, "uploads");

app.get("/attachments/:name", (req, res) => {
  res.sendFile(path.join(__dirname, "uploads", req.params.name)); // want: path-traversal
});

app.get("/reports", (req, res) => {
  fs.readFile(`/var/reports/${req.query.file}`, "utf8", (err, text) => { // want: path-traversal
    if (err) return res.sendStatus(404);
    res.type("text").send(text);
  });
});

app.get("/files/:name", (req, res) => {
  res.sendFile(req.params.name, { root: UPLOAD_DIR, dotfiles: "deny" }); // safe: root confines the path
});

app.get("/thumbs", (req, res) => {
  const name = path.basename(String(req.query.file));
  fs.createReadStream(path.join(UPLOAD_DIR, name)).pipe(res); // safe: basename keeps one path segment
});

app.get("/exports/:name", async (req, res) => {
  const full = path.resolve(UPLOAD_DIR, req.params.name);
  if (!full.startsWith(UPLOAD_DIR + path.sep)) {
    return res.status(400).end();
  }
  const data = await fs.promises.readFile(full); // safe: contained in UPLOAD_DIR
  res.send(data);
});

module.exports = app;
