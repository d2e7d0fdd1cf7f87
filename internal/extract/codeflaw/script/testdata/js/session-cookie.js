// Fixture: session and settings cookies (unsafe deserialization). Exercises node-serialize on a cookie (the
// CVE-2017-5941 pattern), js-yaml 3 (the lockfile of this service pins js-yaml 3.14, whose load() builds
// functions), and the safe forms: JSON.parse and js-yaml with JSON_SCHEMA.
// Right answer: two deserialization findings (profile, import); two safe handlers.
const express = require("express");
const cookieParser = require("cookie-parser");
const serialize = require("node-serialize");
const yaml = require("js-yaml");

const app = express();
app.use(cookieParser());
app.use(express.text({ type: "application/yaml" }));

app.get("/profile", (req, res) => {
  const raw = Buffer.from(req.cookies.profile, "base64").toString();
  const profile = serialize.unserialize(raw); // want: deserialization
  res.json({ name: profile.name });
});

app.post("/settings/import", (req, res) => {
  const settings = yaml.load(req.body); // want: deserialization
  res.json(settings);
});

app.get("/settings", (req, res) => {
  const prefs = JSON.parse(Buffer.from(req.cookies.prefs || "e30=", "base64").toString()); // safe: JSON
  res.json(prefs);
});

app.post("/settings/validate", (req, res) => {
  const doc = yaml.load(req.body, { schema: yaml.JSON_SCHEMA }); // safe: the JSON schema builds plain data
  res.json({ ok: typeof doc === "object" });
});

module.exports = app;
