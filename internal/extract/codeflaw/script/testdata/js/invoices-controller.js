// Fixture: controller functions exported from a module and registered by a router elsewhere (the common
// Express layout). Exercises handlers found by their (req, res) parameters, res.download, a reassignment
// chain (medium confidence), and a safe numeric id.
// Right answer: download is path traversal; render is code injection through a chain of four assignments
// (medium); show is safe.
const path = require("path");
const Invoice = require("../models/invoice");

const INVOICE_DIR = "/srv/invoices";

async function download(req, res) {
  const file = req.params.file;
  res.download(path.join(INVOICE_DIR, file)); // want: path-traversal
}

async function show(req, res) {
  const id = Number.parseInt(req.params.id, 10);
  const invoice = await Invoice.findById(id);
  res.sendFile(path.join(INVOICE_DIR, `${id}.pdf`)); // safe: the id is a number
}

async function render(req, res) {
  const raw = req.body.formula;
  const trimmed = raw.trim();
  const expr = trimmed.replace(/;/g, "");
  const code = "return (" + expr + ")";
  const fn = Function("total", code); // want: code-injection
  res.json({ value: fn(100) });
}

module.exports = { download, show, render };
